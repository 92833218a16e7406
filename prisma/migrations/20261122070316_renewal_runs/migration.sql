-- CreateEnum
CREATE TYPE "RenewalRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RenewalRunItemStatus" AS ENUM ('PENDING', 'RUNNING', 'PLACED', 'REFUSED', 'FAILED', 'UNKNOWN');

-- CreateTable
CREATE TABLE "RenewalRun" (
    "id" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "RenewalRunStatus" NOT NULL DEFAULT 'QUEUED',
    "submissionKey" TEXT NOT NULL,
    "source" JSONB NOT NULL,
    "total" INTEGER NOT NULL,
    "placed" INTEGER NOT NULL DEFAULT 0,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "unknown" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT,
    "sellTotal" DECIMAL(12,2),
    "buyTotal" DECIMAL(12,2),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "RenewalRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RenewalRunItem" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "licenceId" TEXT NOT NULL,
    "status" "RenewalRunItemStatus" NOT NULL,
    "orderId" TEXT,
    "message" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedAt" TIMESTAMP(3),
    "notBefore" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RenewalRunItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RenewalWindowNotice" (
    "licenceId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RenewalWindowNotice_pkey" PRIMARY KEY ("licenceId","expiresAt")
);

-- CreateIndex
CREATE UNIQUE INDEX "RenewalRun_submissionKey_key" ON "RenewalRun"("submissionKey");

-- CreateIndex
CREATE INDEX "RenewalRun_createdAt_id_idx" ON "RenewalRun"("createdAt", "id");

-- CreateIndex
CREATE INDEX "RenewalRun_status_idx" ON "RenewalRun"("status");

-- CreateIndex
CREATE INDEX "RenewalRunItem_runId_status_idx" ON "RenewalRunItem"("runId", "status");

-- CreateIndex
CREATE INDEX "RenewalRunItem_runId_updatedAt_idx" ON "RenewalRunItem"("runId", "updatedAt");

-- CreateIndex
CREATE INDEX "RenewalRunItem_licenceId_idx" ON "RenewalRunItem"("licenceId");

-- CreateIndex
CREATE UNIQUE INDEX "RenewalRunItem_runId_licenceId_key" ON "RenewalRunItem"("runId", "licenceId");

-- CreateIndex
CREATE INDEX "RenewalWindowNotice_createdAt_idx" ON "RenewalWindowNotice"("createdAt");

-- AddForeignKey
ALTER TABLE "RenewalRun" ADD CONSTRAINT "RenewalRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RenewalRunItem" ADD CONSTRAINT "RenewalRunItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "RenewalRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RenewalRunItem" ADD CONSTRAINT "RenewalRunItem_licenceId_fkey" FOREIGN KEY ("licenceId") REFERENCES "License"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RenewalWindowNotice" ADD CONSTRAINT "RenewalWindowNotice_licenceId_fkey" FOREIGN KEY ("licenceId") REFERENCES "License"("id") ON DELETE CASCADE ON UPDATE CASCADE;
