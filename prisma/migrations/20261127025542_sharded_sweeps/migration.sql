-- CreateEnum
CREATE TYPE "ShardStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'PARKED');

-- AlterTable
ALTER TABLE "Sweep" ADD COLUMN     "bundlePath" TEXT,
ADD COLUMN     "shardSize" INTEGER;

-- CreateTable
CREATE TABLE "SweepShard" (
    "sweepId" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "startIndex" INTEGER NOT NULL,
    "endIndex" INTEGER NOT NULL,
    "status" "ShardStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "workerId" TEXT,
    "rows" INTEGER,
    "seconds" DOUBLE PRECISION,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SweepShard_pkey" PRIMARY KEY ("sweepId","index")
);

-- CreateTable
CREATE TABLE "RunnerWorker" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "shardsDone" INTEGER NOT NULL DEFAULT 0,
    "shardsFailed" INTEGER NOT NULL DEFAULT 0,
    "tokens" INTEGER NOT NULL DEFAULT 0,
    "tokensPerSecond" DOUBLE PRECISION,
    "currentShard" TEXT,

    CONSTRAINT "RunnerWorker_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SweepShard_status_idx" ON "SweepShard"("status");

-- AddForeignKey
ALTER TABLE "SweepShard" ADD CONSTRAINT "SweepShard_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "Sweep"("id") ON DELETE CASCADE ON UPDATE CASCADE;
