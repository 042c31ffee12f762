-- AlterTable
ALTER TABLE "SweepShard" ADD COLUMN     "jobId" UUID;
