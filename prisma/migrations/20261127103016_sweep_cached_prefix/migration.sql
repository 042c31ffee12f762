-- AlterTable
ALTER TABLE "Sweep" ADD COLUMN     "cachedPrefixTokens" INTEGER;
