import "server-only";
import { prisma } from "@/lib/db";

/**
 * Each reseller account's balance for the funds warning, from the last answer Sectigo gave
 * (AccountBalanceSnapshot, shared by every app instance) rather than a getAccountBalance call per
 * renewals view (issue 19 item 4: 100-250 ms a call on the loaded 2-core machine against the local
 * sandbox; a network round trip to Sectigo in production). Freshness: an answer younger than
 * BALANCE_FRESH_MS is used as it is; an older one is still shown (the page says "as of HH:MM UTC")
 * while ONE instance, the one that claims the row, asks Sectigo again beside the page. Only the
 * very first view of an account waits for Sectigo. Times are this machine's (not the app clock):
 * freshness is about when Sectigo was asked.
 */
export const BALANCE_FRESH_MS = 60_000;
/** A claim older than this is taken over (its instance died or Sectigo hung past the client's timeout). */
const CLAIM_EXPIRES_MS = 30_000;

export type Balance = { ok: true; available: number; creditLimit: number; currency: string } | { ok: false; message: string };
export type FetchBalance = (resellerAccountId: string) => Promise<Balance>;

const refreshing = new Set<Promise<void>>();

/** For tests: resolves once the refreshes started in the background so far have ended. */
export async function settleBalanceRefreshes(): Promise<void> {
  await Promise.all([...refreshing]);
}

/** The account's balance and when Sectigo gave it. */
export async function accountBalance(resellerAccountId: string, fetchBalance: FetchBalance): Promise<{ balance: Balance; asOf: Date }> {
  const snapshot = await prisma.accountBalanceSnapshot.findUnique({ where: { resellerAccountId } });
  if (!snapshot) return ask(resellerAccountId, fetchBalance);
  if (Date.now() - snapshot.fetchedAt.getTime() >= BALANCE_FRESH_MS) refreshBeside(resellerAccountId, fetchBalance);
  const balance: Balance = snapshot.ok
    ? { ok: true, available: snapshot.available ?? 0, creditLimit: snapshot.creditLimit ?? 0, currency: snapshot.currency ?? "" }
    : { ok: false, message: snapshot.message ?? "The balance could not be read from Sectigo." };
  return { balance, asOf: snapshot.fetchedAt };
}

/** Asks Sectigo and keeps the answer (a refusal too: a failing Sectigo is not asked on every view). */
async function ask(resellerAccountId: string, fetchBalance: FetchBalance): Promise<{ balance: Balance; asOf: Date }> {
  const balance = await fetchBalance(resellerAccountId);
  const fetchedAt = new Date();
  const values = balance.ok
    ? { ok: true, available: balance.available, creditLimit: balance.creditLimit, currency: balance.currency, message: null }
    : { ok: false, available: null, creditLimit: null, currency: null, message: balance.message };
  await prisma.accountBalanceSnapshot.upsert({
    where: { resellerAccountId },
    create: { resellerAccountId, ...values, fetchedAt },
    update: { ...values, fetchedAt, claimedAt: null },
  });
  return { balance, asOf: fetchedAt };
}

/** Claims the stale row (one instance wins), then asks Sectigo; the page that noticed does not wait. */
function refreshBeside(resellerAccountId: string, fetchBalance: FetchBalance) {
  const now = Date.now();
  const work = (async () => {
    const claimed = await prisma.accountBalanceSnapshot.updateMany({
      where: {
        resellerAccountId,
        fetchedAt: { lte: new Date(now - BALANCE_FRESH_MS) },
        OR: [{ claimedAt: null }, { claimedAt: { lt: new Date(now - CLAIM_EXPIRES_MS) } }],
      },
      data: { claimedAt: new Date(now) },
    });
    if (claimed.count === 1) await ask(resellerAccountId, fetchBalance);
  })()
    .catch((error: unknown) => console.error(`[funds-warning] balance refresh failed: ${error instanceof Error ? error.message : String(error)}`))
    .finally(() => refreshing.delete(work));
  refreshing.add(work);
}
