-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "lastReconciledAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Order_status_lastReconciledAt_createdAt_idx" ON "Order"("status", "lastReconciledAt", "createdAt");
