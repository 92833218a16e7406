-- An ignore ends when a whole sync finds its difference gone (both sides agree, or the order went):
-- each sync marks the ignores it held, and at its end drops the account's ignores it did not hold
-- (lib/sync/held-ignores.ts). Before, an ignore outlived an agreeing sync and silently held the same
-- pair when it came back (found by the issue 17 review).
ALTER TABLE "DriftIgnore" ADD COLUMN "heldByRunId" TEXT;
