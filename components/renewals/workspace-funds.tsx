import type { FundsCheck } from "@/lib/licenses/expiry-workspace/funds-warning";
import { formatMoney } from "@/components/ui/format";
import { moneyText } from "@/components/renewals/workspace-buckets";

/** What auto-renewals will debit in the next 30 days against each account's balance. */
export function WorkspaceFunds({ checks }: { checks: FundsCheck[] }) {
  if (checks.length === 0) return null;
  return (
    <section aria-label="Funds for renewals" className="mb-4 space-y-2">
      {checks.map((c) => {
        const short = c.shortfall !== null && c.shortfall > 0;
        return (
          <div
            key={c.accountId}
            role={short ? "alert" : "status"}
            data-testid="funds-warning"
            className={`rounded-lg border p-3 text-sm ${short ? "border-red-300 bg-red-50 text-red-900" : "border-slate-200 bg-white text-slate-800"}`}
          >
            <p className="font-semibold">
              {short ? `Not enough funds: ${formatMoney(c.shortfall!, c.balance.ok ? c.balance.currency : "USD")} short` : "Funds cover the next 30 days"} · {c.label}
            </p>
            <p>
              {c.autoRenewals.count} auto-renewal{c.autoRenewals.count === 1 ? "" : "s"} in the next 30 days will cost{" "}
              {moneyText(c.autoRenewals.cost, c.autoRenewals.unpriced)} (buy price, what Sectigo debits)
              {c.queued.count ? `, and ${c.queued.count} renewal${c.queued.count === 1 ? "" : "s"} queued in bulk runs ${moneyText(c.queued.cost, c.queued.unpriced)}` : ""}.{" "}
              {c.balance.ok
                ? `Available: ${formatMoney(c.balance.available, c.balance.currency)}${c.balance.creditLimit ? ` plus ${formatMoney(c.balance.creditLimit, c.balance.currency)} credit` : ""}.`
                : c.balance.message}{" "}
              <span className="text-slate-600" data-testid="funds-balance-as-of">
                (balance as of {c.balanceAsOf.toISOString().slice(11, 16)} UTC)
              </span>
              {c.balance.ok && c.shortfall === null ? " Prices and balance are in different currencies: compare them by hand." : ""}
            </p>
          </div>
        );
      })}
    </section>
  );
}
