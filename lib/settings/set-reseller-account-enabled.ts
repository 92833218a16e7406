import "server-only";
import type { z } from "zod";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { setResellerAccountEnabledSchema } from "@/lib/settings/reseller-account-schemas";

export const DEFAULT_CANNOT_BE_DISABLED = "This is the default account. Make another account the default before you disable this one.";

export function ordersInFlightMessage(count: number): string {
  return `${count} order${count === 1 ? "" : "s"} of this account ${count === 1 ? "awaits" : "await"} Sectigo's answer (outcome not known yet). Disable it once ${count === 1 ? "it is" : "they are"} settled: reconciliation still needs the account.`;
}

/**
 * Disables or enables a reseller account. Decision (issue 17 #11): accounts are disabled, never
 * removed. An account that ever talked to Sectigo has history that names it (orders, customers,
 * licenses, API calls, sync runs, audit entries), and one that never did is as harmless disabled;
 * a delete path would only add the question of what to do with that history.
 *
 * A disabled account keeps everything, is offered nowhere (order form, ordering URLs, sync), and no
 * order can be created for it: the database refuses the order row (trigger, migration
 * 20261207150500), so renewals, bulk runs and jobs are refused before anything is sent. The default
 * account cannot be disabled, and an account with an order whose outcome is not known yet
 * (SUBMITTING, UNKNOWN) neither: its reconciliation still calls Sectigo with it.
 */
export async function setResellerAccountEnabled(actor: Actor, input: z.output<typeof setResellerAccountEnabledSchema>) {
  assertCan(actor, "manageSettings");
  return auditedTransaction(async (tx, changes) => {
    // The row lock: an order being inserted for this account (its trigger holds FOR SHARE) commits
    // first, and the in-flight count below then sees it.
    const [current] = await tx.$queryRaw<Array<{ id: string; label: string; isDefault: boolean; disabledAt: Date | null }>>`
      SELECT id, label, "isDefault", "disabledAt" FROM "ResellerAccount" WHERE id = ${input.id} FOR UPDATE`;
    if (!current) throw new AppError("NOT_FOUND", "That reseller account no longer exists.");
    const wasEnabled = current.disabledAt === null;
    if (wasEnabled === input.enabled) return { id: current.id, label: current.label, enabled: input.enabled, changed: false };
    if (!input.enabled) {
      if (current.isDefault) throw new AppError("CONFLICT", DEFAULT_CANNOT_BE_DISABLED);
      const inFlight = await tx.order.count({ where: { resellerAccountId: current.id, status: { in: ["SUBMITTING", "UNKNOWN"] } } });
      if (inFlight > 0) throw new AppError("CONFLICT", ordersInFlightMessage(inFlight));
    }
    const disabledAt = input.enabled ? null : new Date();
    await tx.resellerAccount.update({ where: { id: current.id }, data: { disabledAt } });
    changes.push({
      target: `ResellerAccount:${current.id}`,
      before: { enabled: wasEnabled, disabledAt: current.disabledAt?.toISOString() ?? null },
      after: { enabled: input.enabled, disabledAt: disabledAt?.toISOString() ?? null },
    });
    return { id: current.id, label: current.label, enabled: input.enabled, changed: true };
  });
}
