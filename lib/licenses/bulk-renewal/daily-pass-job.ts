/** The daily license pass as a job (registered by the worker): scheduled at 03:15 every day (daily-pass.ts), on the app's clock (`now`, lib/clock). */
import type PgBoss from "pg-boss";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { QUEUES } from "@/lib/queue/boss";
import { runDailyLicensePass } from "./daily-pass";

export async function registerDailyPass(boss: PgBoss, db: PrismaClient, opts: { pollingIntervalSeconds: number; log: (line: string) => void; now?: () => Date | Promise<Date> }): Promise<void> {
  await boss.work(QUEUES.dailyLicensePass, { pollingIntervalSeconds: opts.pollingIntervalSeconds }, async () => {
    const result = await runDailyLicensePass(db, (await opts.now?.()) ?? new Date());
    opts.log(`daily license pass: ${result.expired} expired, ${result.windowOpened} entered their renewal window`);
    return result;
  });
  await boss.schedule(QUEUES.dailyLicensePass, "15 3 * * *");
}
