"use server";
import { authorizedAction } from "@/lib/auth/action";
import { prisma } from "@/lib/db";
import { appClock } from "@/lib/clock/app-clock";
import { enqueueRenewalRun } from "@/lib/licenses/bulk-renewal/enqueue-renewal-run";
import { eligibility } from "@/lib/licenses/bulk-renewal/renewal-deps";
import { startRenewalRun, startRenewalRunSchema } from "@/lib/licenses/bulk-renewal/start-renewal-run";

export const startRenewalRunAction = authorizedAction({ name: "renewals.startRenewalRun", permission: "manageRenewals", schema: startRenewalRunSchema }, async (actor, input) =>
  startRenewalRun(actor, input, { db: prisma, eligibility, enqueue: enqueueRenewalRun, now: await appClock() }),
);
