-- CreateEnum
CREATE TYPE "SyncRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "DriftKind" AS ENUM ('UNKNOWN_TO_US', 'STATUS', 'EXPIRY', 'AUTO_RENEW');

-- CreateEnum
CREATE TYPE "DriftState" AS ENUM ('OPEN', 'ACCEPTED', 'IGNORED');

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "resellerAccountId" TEXT NOT NULL,
    "createdById" TEXT,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'QUEUED',
    "cursor" INTEGER NOT NULL DEFAULT 1,
    "ordersSeen" INTEGER NOT NULL DEFAULT 0,
    "licencesSeen" INTEGER NOT NULL DEFAULT 0,
    "driftFound" INTEGER NOT NULL DEFAULT 0,
    "backoffs" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DriftItem" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "resellerAccountId" TEXT NOT NULL,
    "kind" "DriftKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "orderNumber" TEXT NOT NULL,
    "productCode" INTEGER,
    "domainName" TEXT,
    "licenceId" TEXT,
    "orderId" TEXT,
    "ours" TEXT,
    "theirs" TEXT,
    "state" "DriftState" NOT NULL DEFAULT 'OPEN',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DriftItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SyncRun_createdAt_id_idx" ON "SyncRun"("createdAt", "id");

-- CreateIndex
CREATE INDEX "SyncRun_status_idx" ON "SyncRun"("status");

-- CreateIndex
CREATE INDEX "DriftItem_state_id_idx" ON "DriftItem"("state", "id");

-- CreateIndex
CREATE INDEX "DriftItem_runId_id_idx" ON "DriftItem"("runId", "id");

-- CreateIndex
CREATE INDEX "DriftItem_licenceId_idx" ON "DriftItem"("licenceId");

-- CreateIndex
CREATE INDEX "DriftItem_decidedAt_idx" ON "DriftItem"("decidedAt");

-- CreateIndex
CREATE INDEX "DriftItem_resellerAccountId_state_idx" ON "DriftItem"("resellerAccountId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "DriftItem_runId_kind_subject_key" ON "DriftItem"("runId", "kind", "subject");

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_resellerAccountId_fkey" FOREIGN KEY ("resellerAccountId") REFERENCES "ResellerAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DriftItem" ADD CONSTRAINT "DriftItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DriftItem" ADD CONSTRAINT "DriftItem_licenceId_fkey" FOREIGN KEY ("licenceId") REFERENCES "License"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DriftItem" ADD CONSTRAINT "DriftItem_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
