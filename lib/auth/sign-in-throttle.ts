import "server-only";
import { isIP } from "node:net";
import { prisma } from "@/lib/db";

/**
 * Sign-in throttling that slows guessing down without letting anyone lock the owner out.
 *
 * Two counters, each one row: per (email, client address) and per client address. A guesser
 * therefore slows down only themselves: the owner signing in from another address is not
 * affected, and a flood of random emails from one address stops at that address's limit.
 *
 * Each counter allows `limit` failures; past that, every further attempt must wait for a delay
 * that doubles with each failure (2 s, 4 s, 8 s ... capped at 15 minutes). One attempt is let
 * through after each wait (so the right password works again after a short pause), and attempts
 * during the wait are refused without checking the password. Every attempt is counted
 * *before* the password is checked, under a lock on the counter's row, so a burst of parallel
 * guesses cannot slip past the limit. A counter forgets after WINDOW_MS without attempts; rows untouched
 * for a day are deleted.
 */
export const ACCOUNT_LIMIT = 5;
export const CLIENT_LIMIT = 50;
const WINDOW_MS = 15 * 60_000;
const MAX_DELAY_MS = 15 * 60_000;
const FORGET_MS = 24 * 60 * 60_000;

/**
 * `pastLimit`: this attempt was counted beyond its counter's limit (the first one refused, or the
 * one let through after a wait). Those are the attempts the audit log records: one per wait at
 * most, so nobody can flood the log, and a person guessing shows up once the throttle engages.
 */
export type ThrottleState = ({ allowed: true } | { allowed: false; retryAfterMs: number }) & { pastLimit?: true };

export interface ThrottleKeys {
  account: string;
  client: string;
}

export function throttleKeys(email: string, clientAddress: string): ThrottleKeys {
  const client = throttleAddress(clientAddress);
  return { account: `acct:${email}|${client}`, client: `client:${client}` };
}

/**
 * The unit an address is counted by: an IPv4 address as it is, an IPv6 address by its /64 (one
 * home or server gets a whole /64, so counting single IPv6 addresses would count nothing).
 */
export function throttleAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") ? (tail ? tail.split(":") : []) : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

/** The wait after the n-th failure beyond the limit: 2^n seconds, at most 15 minutes. */
export function delayAfter(overLimit: number): number {
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(Math.max(overLimit, 1), 20));
}

export interface CounterRow {
  failures: number;
  blockedUntil: Date | null;
  updatedAt: Date;
}

/**
 * The rule, as a pure function of a counter and the time: whether this attempt may check the
 * password, and the counter afterwards. Refused while a wait runs (the counter is unchanged);
 * otherwise counted, and once past the limit a new wait starts. The first attempt past the
 * limit is refused; after each finished wait, one attempt is let through.
 */
export function decide(row: CounterRow, limit: number, now: Date): { state: ThrottleState; next: CounterRow } {
  if (row.blockedUntil && row.blockedUntil > now) {
    return { state: { allowed: false, retryAfterMs: row.blockedUntil.getTime() - now.getTime() }, next: row };
  }
  const stale = row.updatedAt.getTime() < now.getTime() - WINDOW_MS;
  const failures = stale ? 1 : row.failures + 1;
  const waited = !stale && row.blockedUntil !== null;
  if (failures <= limit) return { state: { allowed: true }, next: { failures, blockedUntil: null, updatedAt: now } };
  const wait = delayAfter(failures - limit);
  return {
    state: waited ? { allowed: true, pastLimit: true } : { allowed: false, retryAfterMs: wait, pastLimit: true },
    next: { failures, blockedUntil: new Date(now.getTime() + wait), updatedAt: now },
  };
}

/** Counts one attempt against one key, under the row's lock, so parallel attempts queue up. */
async function countOn(key: string, limit: number, now: Date): Promise<ThrottleState> {
  return prisma.$transaction(async (tx) => {
    // One statement creates or locks the row and reads it. (An INSERT ... DO NOTHING followed by
    // a SELECT ... FOR UPDATE found no row when a parallel successful sign-in deleted it between
    // the two: two browsers signing in as one user failed with an internal error.)
    const [row] = await tx.$queryRaw<CounterRow[]>`
      INSERT INTO "SignInThrottle" (key, failures, "blockedUntil", "updatedAt") VALUES (${key}, 0, NULL, ${now})
      ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
      RETURNING failures, "blockedUntil", "updatedAt"`;
    if (!row) throw new Error("sign-in throttle: the upsert returned no row");
    const { state, next } = decide(row, limit, now);
    if (next !== row) await tx.signInThrottle.update({ where: { key }, data: next });
    return state;
    // A burst of attempts queues for the pool and the row lock: wait for them rather than fail one.
  }, { maxWait: 10_000, timeout: 15_000 });
}

/** Counts this attempt on both keys. `allowed: false` means refuse it without checking the password. */
export async function countAttempt(keys: ThrottleKeys, now = new Date()): Promise<ThrottleState> {
  const client = await countOn(keys.client, CLIENT_LIMIT, now);
  if (!client.allowed) return client;
  const account = await countOn(keys.account, ACCOUNT_LIMIT, now);
  return client.pastLimit && !account.pastLimit ? { ...account, pastLimit: true } : account;
}

/** A successful sign-in: the account counter starts over; it does not count against the address. */
export async function recordSuccess(keys: ThrottleKeys): Promise<void> {
  await prisma.$transaction([
    prisma.signInThrottle.deleteMany({ where: { key: keys.account } }),
    prisma.$executeRaw`UPDATE "SignInThrottle" SET failures = GREATEST(failures - 1, 0) WHERE key = ${keys.client}`,
  ]);
}

/** Deletes counters nobody has touched for a day (cheap: indexed on updatedAt). */
export async function forgetOldCounters(now = new Date()): Promise<number> {
  const { count } = await prisma.signInThrottle.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - FORGET_MS) } } });
  return count;
}

export function throttleMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait = seconds < 90 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many failed sign-ins. Wait ${wait}, then try again.`;
}
