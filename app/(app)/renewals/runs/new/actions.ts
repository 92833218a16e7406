"use server";
import { authorizedAction } from "@/lib/auth/action";
import { prisma } from "@/lib/db";
import { enqueueRenewalRun } from "@/lib/jobs/enqueue";
import { eligibility } from "@/lib/renewals/renewal-deps";
import { startRenewalRun, startRenewalRunSchema } from "@/lib/renewals/start-renewal-run";

export const startRenewalRunAction = authorizedAction({ name: "renewals.startRenewalRun", permission: "manageRenewals", schema: startRenewalRunSchema }, (actor, input) =>
  startRenewalRun(actor, input, { db: prisma, eligibility, enqueue: enqueueRenewalRun }),
);
