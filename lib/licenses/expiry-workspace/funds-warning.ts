import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { serverEnv } from "@/lib/env";
import { sectigoClientForAccount } from "@/lib/sectigo/account-client";
import { expiryBucketRange } from "@/lib/licenses/rules/status";
import { autoRenewDemandIn } from "@/lib/licenses/expiry-workspace/auto-renew-tally";
import { recordFundsHeadroom } from "@/lib/observability/funds";
import { accountBalance, type Balance } from "@/lib/licenses/expiry-workspace/account-balance";
import { loadPriceBook, priceGroups, type Money } from "@/lib/licenses/expiry-workspace/workspace";

const BALANCE_TIMEOUT_MS = 4000;

export interface FundsCheck {
  accountId: string;
  label: string;
  /** What Sectigo says is available (plus the credit limit it lets us go below zero), or why we could not ask. */
  balance: Balance;
  /** When Sectigo gave that balance (kept per account for BALANCE_FRESH_MS: account-balance.ts). */
  balanceAsOf: Date;
  /** Auto-renewals due in the next 30 days, at the BUY price (what Sectigo debits), per currency. */
  autoRenewals: { count: number; cost: Money[]; unpriced: number };
  /** Renewals queued in bulk runs and not yet sent (RenewalRunItem PENDING or RUNNING), at the BUY price. */
  queued: { count: number; cost: Money[]; unpriced: number };
  /** Spending in the account's currency beyond available funds + credit limit (0 when it fits). */
  shortfall: number | null;
}

/** The next 30 days, as the renewal window's two buckets ("0-7" and "8-30") of the one rule. */
function next30Days(now: Date) {
  return { gt: expiryBucketRange("0-7", now).gt, lte: expiryBucketRange("8-30", now).lte };
}

/**
 * The auto-renew demand of the next 30 days per reseller account, plan and term: from the tally the
 * database keeps current (auto-renew-tally.ts), not a count of every license in the window per view.
 */
export async function autoRenewDemand(now: Date) {
  return autoRenewDemandIn(next30Days(now), now);
}

/** Renewals still to be sent by bulk runs (lib/licenses/bulk-renewal), per account, product and term: one grouped query. */
export async function queuedRenewalDemand() {
  return prisma.$queryRaw<Array<{ accountId: string; productCode: number; termDays: number | null; n: number }>>`
    SELECT c."resellerAccountId" AS "accountId", l."productCode" AS "productCode", l."termDays" AS "termDays", count(*)::int AS n
    FROM "RenewalRunItem" i JOIN "License" l ON l.id = i."licenseId" JOIN "Customer" c ON c.id = l."customerId"
    WHERE i.status IN ('PENDING', 'RUNNING')
    GROUP BY 1, 2, 3`;
}

/** Sums per currency of several priced groups. */
function addMoney(...parts: Money[][]): Money[] {
  const by = new Map<string, number>();
  for (const m of parts.flat()) by.set(m.currency, (by.get(m.currency) ?? 0) + m.amount);
  return [...by].map(([currency, amount]) => ({ currency, amount: Math.round(amount * 100) / 100 }));
}

/** Pure: the shortfall of one account (null when the balance or a price is in another currency or unknown). */
export function shortfallOf(balance: FundsCheck["balance"], cost: Money[]): number | null {
  if (!balance.ok) return null;
  if (cost.some((c) => c.currency !== balance.currency)) return null;
  const spend = cost.reduce((s, c) => s + c.amount, 0);
  return Math.max(0, Math.round((spend - balance.available - balance.creditLimit) * 100) / 100);
}

/**
 * Funds warning: each reseller account's balance (getAccountBalance through the account's client,
 * kept per account for a minute and shared by every instance: account-balance.ts) against what auto-renewals will debit in the next 30 days plus the renewals queued in bulk runs.
 * Accounts with nothing due are skipped.
 */
export async function checkRenewalFunds(actor: Actor, now = new Date()): Promise<FundsCheck[]> {
  assertCan(actor, "viewLicenses");
  const [demand, queuedDemand, book] = await Promise.all([autoRenewDemand(now), queuedRenewalDemand(), loadPriceBook()]);
  const accountIds = [...new Set([...demand, ...queuedDemand].map((d) => d.accountId))];
  if (accountIds.length === 0) return [];
  const accounts = await prisma.resellerAccount.findMany({ where: { id: { in: accountIds } }, select: { id: true, label: true }, orderBy: { label: "asc" } });
  const { CREDENTIALS_KEY: credentialsKey } = serverEnv();
  return Promise.all(
    accounts.map(async (account): Promise<FundsCheck> => {
      const rows = demand.filter((d) => d.accountId === account.id);
      const queuedRows = queuedDemand.filter((d) => d.accountId === account.id);
      const auto = priceGroups(rows, book, "buyPrice");
      const queued = priceGroups(queuedRows, book, "buyPrice");
      const { balance, asOf } = await accountBalance(account.id, (id) => balanceOf(id, credentialsKey, actor.id));
      // The figure the metrics show (orderdesk_funds_headroom): what the page last computed, no call of its own.
      const spend = addMoney(auto.value, queued.value);
      if (balance.ok && spend.every((m) => m.currency === balance.currency)) {
        recordFundsHeadroom({ accountId: account.id, currency: balance.currency, spendable: balance.available + balance.creditLimit, demand: spend.reduce((sum, m) => sum + m.amount, 0), at: asOf });
      }
      return {
        accountId: account.id,
        label: account.label,
        balance,
        balanceAsOf: asOf,
        autoRenewals: { count: rows.reduce((s, r) => s + r.n, 0), cost: auto.value, unpriced: auto.unpriced },
        queued: { count: queuedRows.reduce((s, r) => s + r.n, 0), cost: queued.value, unpriced: queued.unpriced },
        shortfall: shortfallOf(balance, addMoney(auto.value, queued.value)),
      };
    }),
  );
}

async function balanceOf(resellerAccountId: string, credentialsKey: string, actorId: string): Promise<FundsCheck["balance"]> {
  try {
    const client = await sectigoClientForAccount(prisma, { resellerAccountId, credentialsKey, timeoutMs: BALANCE_TIMEOUT_MS, actorId });
    const result = await client.getAccountBalance();
    if (!result.ok) return { ok: false, message: `Sectigo did not give the balance: ${result.error.userMessage}` };
    return { ok: true, available: result.value.available, creditLimit: result.value.creditLimit, currency: result.value.currency };
  } catch {
    return { ok: false, message: "The balance could not be read from Sectigo just now." };
  }
}
