/** The runs list, newest first, a page at a time (index RenewalRun(createdAt, id)). */
import { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { loadPage } from "@/lib/pagination";

export const runsQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export async function listRenewalRuns(actor: Actor | null, raw: { page?: string | number }, db: PrismaClient) {
  assertCan(actor, "viewLicenses");
  const { page } = runsQuerySchema.parse(raw);
  return loadPage(
    page,
    (skip, take) =>
      db.renewalRun.findMany({
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip,
        take,
        select: { id: true, createdAt: true, status: true, total: true, placed: true, refused: true, failed: true, unknown: true, finishedAt: true, createdBy: { select: { name: true } } },
      }),
    () => db.renewalRun.count(),
  );
}
export type RenewalRunRow = Awaited<ReturnType<typeof listRenewalRuns>>["rows"][number];
