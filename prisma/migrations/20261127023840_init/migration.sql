-- CreateEnum
CREATE TYPE "Framing" AS ENUM ('POSITIVE', 'NEGATIVE', 'NEUTRAL');

-- CreateEnum
CREATE TYPE "SweepMode" AS ENUM ('ID', 'PAPER', 'IMPORTED');

-- CreateEnum
CREATE TYPE "SweepStatus" AS ENUM ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "RewardModel" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "architecture" TEXT,
    "parameterCount" BIGINT,
    "vocabSize" INTEGER NOT NULL,
    "licence" TEXT,
    "tokenizerFingerprint" TEXT,
    "chatTemplateFingerprint" TEXT,
    "backend" TEXT NOT NULL,
    "notes" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RewardModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Prompt" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "framing" "Framing" NOT NULL DEFAULT 'NEUTRAL',
    "pairId" INTEGER,
    "tags" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Prompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VocabToken" (
    "modelId" INTEGER NOT NULL,
    "tokenId" INTEGER NOT NULL,
    "piece" TEXT NOT NULL,
    "decoded" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "isSpecial" BOOLEAN NOT NULL DEFAULT false,
    "isByte" BOOLEAN NOT NULL DEFAULT false,
    "isWhitespace" BOOLEAN NOT NULL DEFAULT false,
    "startsWithSpace" BOOLEAN NOT NULL DEFAULT false,
    "isAlphabetic" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "VocabToken_pkey" PRIMARY KEY ("modelId","tokenId")
);

-- CreateTable
CREATE TABLE "Sweep" (
    "id" SERIAL NOT NULL,
    "modelId" INTEGER NOT NULL,
    "promptId" INTEGER NOT NULL,
    "mode" "SweepMode" NOT NULL,
    "settingsKey" TEXT NOT NULL,
    "chatTemplate" TEXT,
    "renderedTemplate" TEXT,
    "prefixIds" INTEGER[],
    "suffixIds" INTEGER[],
    "vocabPolicy" TEXT NOT NULL DEFAULT 'all',
    "status" "SweepStatus" NOT NULL DEFAULT 'PENDING',
    "tokenCount" INTEGER NOT NULL,
    "scoredCount" INTEGER NOT NULL DEFAULT 0,
    "nextTokenId" INTEGER NOT NULL DEFAULT 0,
    "roundTripFailures" INTEGER,
    "backend" TEXT NOT NULL,
    "device" TEXT,
    "batchSize" INTEGER,
    "wallSeconds" DOUBLE PRECISION,
    "inferenceSeconds" DOUBLE PRECISION,
    "softwareVersions" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Sweep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Score" (
    "sweepId" INTEGER NOT NULL,
    "tokenId" INTEGER NOT NULL,
    "score" REAL NOT NULL,
    "rank" INTEGER,

    CONSTRAINT "Score_pkey" PRIMARY KEY ("sweepId","tokenId")
);

-- CreateTable
CREATE TABLE "CandidateSet" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CandidateSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CandidateItem" (
    "id" SERIAL NOT NULL,
    "setId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "humanScore" DOUBLE PRECISION,
    "humanRank" INTEGER,
    "meta" JSONB,

    CONSTRAINT "CandidateItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CandidateScore" (
    "itemId" INTEGER NOT NULL,
    "modelId" INTEGER NOT NULL,
    "promptId" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "CandidateScore_pkey" PRIMARY KEY ("itemId","modelId","promptId")
);

-- CreateTable
CREATE TABLE "WordFrequency" (
    "source" TEXT NOT NULL,
    "word" TEXT NOT NULL,
    "frequency" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "WordFrequency_pkey" PRIMARY KEY ("source","word")
);

-- CreateTable
CREATE TABLE "LexiconEntry" (
    "lexicon" TEXT NOT NULL,
    "word" TEXT NOT NULL,
    "valence" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "LexiconEntry_pkey" PRIMARY KEY ("lexicon","word")
);

-- CreateTable
CREATE TABLE "IdentityTerm" (
    "listName" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "term" TEXT NOT NULL,

    CONSTRAINT "IdentityTerm_pkey" PRIMARY KEY ("listName","category","group","term")
);

-- CreateTable
CREATE TABLE "AnalysisResult" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "inputsKey" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "result" JSONB NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnalysisResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RewardModel_slug_key" ON "RewardModel"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Prompt_slug_key" ON "Prompt"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Prompt_pairId_key" ON "Prompt"("pairId");

-- CreateIndex
CREATE INDEX "VocabToken_decoded_idx" ON "VocabToken"("decoded");

-- CreateIndex
CREATE INDEX "VocabToken_normalized_idx" ON "VocabToken"("normalized");

-- CreateIndex
CREATE UNIQUE INDEX "Sweep_settingsKey_key" ON "Sweep"("settingsKey");

-- CreateIndex
CREATE INDEX "Sweep_modelId_promptId_idx" ON "Sweep"("modelId", "promptId");

-- CreateIndex
CREATE INDEX "Score_sweepId_score_tokenId_idx" ON "Score"("sweepId", "score", "tokenId");

-- CreateIndex
CREATE UNIQUE INDEX "CandidateSet_slug_key" ON "CandidateSet"("slug");

-- CreateIndex
CREATE INDEX "CandidateItem_setId_text_idx" ON "CandidateItem"("setId", "text");

-- CreateIndex
CREATE UNIQUE INDEX "CandidateItem_setId_position_key" ON "CandidateItem"("setId", "position");

-- CreateIndex
CREATE INDEX "CandidateScore_modelId_promptId_idx" ON "CandidateScore"("modelId", "promptId");

-- CreateIndex
CREATE INDEX "IdentityTerm_term_idx" ON "IdentityTerm"("term");

-- CreateIndex
CREATE UNIQUE INDEX "AnalysisResult_kind_inputsKey_key" ON "AnalysisResult"("kind", "inputsKey");

-- AddForeignKey
ALTER TABLE "Prompt" ADD CONSTRAINT "Prompt_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "Prompt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VocabToken" ADD CONSTRAINT "VocabToken_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "RewardModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sweep" ADD CONSTRAINT "Sweep_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "RewardModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sweep" ADD CONSTRAINT "Sweep_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateItem" ADD CONSTRAINT "CandidateItem_setId_fkey" FOREIGN KEY ("setId") REFERENCES "CandidateSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateScore" ADD CONSTRAINT "CandidateScore_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "CandidateItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateScore" ADD CONSTRAINT "CandidateScore_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "RewardModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateScore" ADD CONSTRAINT "CandidateScore_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;
