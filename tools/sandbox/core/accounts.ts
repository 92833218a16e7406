/** Reseller accounts: authentication, SiteLock enablement, call limit (-42) and funds (-15). */
import { err, type Spelling } from "./errors";
import type { ParamBag } from "./params";
import type { Account } from "./types";
import type { World } from "./world";

/** -16 on an unknown login or a wrong password (both case-sensitive). */
export function authenticate(world: World, bag: ParamBag, spelling: Spelling = "uk"): Account {
  const account = world.account(bag.get("loginName"));
  if (!account || account.loginPassword !== bag.get("loginPassword")) throw err.badLogin(spelling);
  return account;
}

export function requireSiteLock(account: Account): void {
  if (!account.siteLockEnabled) throw err.siteLockDisabled();
}

/**
 * -42 when an account exceeds `callLimitPerMinute` calls in the last 60 s of the sandbox clock.
 * Decision: measured on the controllable clock (not wall time) so tests can move past the window;
 * every call to a Sectigo endpoint that names a known login counts, failed ones included.
 */
export function countCall(world: World, loginName: string | undefined): void {
  const account = world.account(loginName);
  if (!account || account.callLimitPerMinute === null) return;
  const now = world.now().getTime();
  const recent = (world.calls.get(account.loginName) ?? []).filter((t) => t > now - 60_000 && t <= now);
  if (recent.length >= account.callLimitPerMinute) {
    world.calls.set(account.loginName, recent);
    throw err.callLimit();
  }
  recent.push(now);
  world.calls.set(account.loginName, recent);
}

function cents(amount: number): number {
  return Math.round(amount * 100);
}

/** Debits funds; -15 when the balance would fall below -creditLimit. */
export function debit(account: Account, amount: number): void {
  if (amount <= 0) return;
  if (cents(account.funds) - cents(amount) < -cents(account.creditLimit)) throw err.notEnoughCredit();
  account.funds = (cents(account.funds) - cents(amount)) / 100;
}

export function canAfford(account: Account, amount: number): boolean {
  return cents(account.funds) - cents(amount) >= -cents(account.creditLimit);
}

export function credit(account: Account, amount: number): void {
  if (amount <= 0) return;
  account.funds = (cents(account.funds) + cents(amount)) / 100;
}
