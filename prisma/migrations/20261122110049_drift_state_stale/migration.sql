-- AlterEnum
ALTER TYPE "DriftState" ADD VALUE 'STALE';
