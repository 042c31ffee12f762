-- CreateIndex
CREATE INDEX "PendingScore_sweepId_idx" ON "PendingScore" USING BRIN ("sweepId");
