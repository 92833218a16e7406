/**
 * The daily license pass (scheduled by the job worker): set-based, in bounded batches, never row by
 * row. 1. Stored status ACTIVE becomes EXPIRED where the expiry has passed (the derived status,
 * lib/licenses/rules/status.ts, already says so; this keeps the stored one honest for reports).
 * 2. Licenses whose renewal window has opened get a notice (one per license and period).
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { RENEWAL_WINDOW_MS } from "@/lib/licenses/rules/renewal-window";

export const DAILY_PASS_BATCH = 5_000;

export async function runDailyLicensePass(db: PrismaClient, now: Date, batch = DAILY_PASS_BATCH): Promise<{ expired: number; windowOpened: number }> {
  let expired = 0;
  for (;;) {
    // Uses License(status, expiresAt); each batch is its own short statement.
    const n = await db.$executeRaw`
      UPDATE "License" SET status = 'EXPIRED', "updatedAt" = ${now}
      WHERE id IN (SELECT id FROM "License" WHERE status = 'ACTIVE' AND "expiresAt" <= ${now} LIMIT ${batch})`;
    expired += n;
    if (n < batch) break;
  }
  const opensBy = new Date(now.getTime() + RENEWAL_WINDOW_MS);
  let windowOpened = 0;
  for (;;) {
    const n = await db.$executeRaw`
      INSERT INTO "RenewalWindowNotice" ("licenseId", "expiresAt", "createdAt")
      SELECT l.id, l."expiresAt", ${now} FROM "License" l
      WHERE l.status = 'ACTIVE' AND l."expiresAt" > ${now} AND l."expiresAt" <= ${opensBy}
        AND NOT EXISTS (SELECT 1 FROM "RenewalWindowNotice" n WHERE n."licenseId" = l.id AND n."expiresAt" = l."expiresAt")
      LIMIT ${batch}
      ON CONFLICT DO NOTHING`;
    windowOpened += n;
    if (n < batch) break;
  }
  return { expired, windowOpened };
}
