-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "pendingAction" TEXT;
