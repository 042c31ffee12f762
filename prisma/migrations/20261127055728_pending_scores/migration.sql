-- CreateTable
CREATE TABLE "PendingScore" (
    "sweepId" INTEGER NOT NULL,
    "tokenId" INTEGER NOT NULL,
    "score" REAL NOT NULL
);

-- Sweeps still in progress keep their committed rows in PendingScore from now on.
INSERT INTO "PendingScore" ("sweepId", "tokenId", "score")
SELECT s."sweepId", s."tokenId", s."score" FROM "Score" s JOIN "Sweep" w ON w.id = s."sweepId" WHERE w.status <> 'COMPLETED';
DELETE FROM "Score" s USING "Sweep" w WHERE w.id = s."sweepId" AND w.status <> 'COMPLETED';
