-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "OrderKind" ADD VALUE 'CANCELLATION';
ALTER TYPE "OrderKind" ADD VALUE 'REFUND';

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "targetLicenseId" TEXT;

-- CreateIndex
CREATE INDEX "Order_targetLicenseId_createdAt_idx" ON "Order"("targetLicenseId", "createdAt");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_targetLicenseId_fkey" FOREIGN KEY ("targetLicenseId") REFERENCES "License"("id") ON DELETE SET NULL ON UPDATE CASCADE;
