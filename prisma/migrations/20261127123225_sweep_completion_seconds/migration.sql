-- AlterTable
ALTER TABLE "Sweep" ADD COLUMN     "completionSeconds" DOUBLE PRECISION;
