/**
 * Funds headroom per reseller account, as the app last computed it: the renewals funds check
 * (lib/licenses/expiry-workspace/funds-warning.ts) reports each account's figures here when it runs
 * or refreshes its cache. A scrape reads these numbers; it never asks Sectigo (a call per scrape
 * would be a call to a payment API every 15 s per instance).
 */
import { metrics } from "./metrics";

export interface FundsFigures {
  accountId: string;
  currency: string;
  /** Available funds + credit limit, as Sectigo last said. */
  spendable: number;
  /** What auto-renewals in the next 30 days and queued bulk renewals will debit, in `currency`. */
  demand: number;
  /** When the figures were computed (default: now). */
  at?: Date;
}

export function recordFundsHeadroom(figures: FundsFigures): void {
  const m = metrics();
  m.fundsHeadroom.set({ account: figures.accountId, currency: figures.currency }, Math.round((figures.spendable - figures.demand) * 100) / 100);
  m.fundsCheckedSeconds.set({ account: figures.accountId }, Math.floor((figures.at ?? new Date()).getTime() / 1000));
}
