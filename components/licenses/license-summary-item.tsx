import type { LicenseSummary } from "@/lib/licenses/queries/license-summary";
import { RenewalBadge } from "@/components/licenses/renewal-badge";
import { formatDate } from "@/components/ui/format";

export function LicenseSummaryItem({ license, now }: { license: LicenseSummary; now: Date }) {
  return (
    <li className="flex items-center justify-between gap-3 py-2 text-sm">
      <div>
        <p className="font-medium">{license.domainName}</p>
        <p className="text-slate-600">
          {license.productName} · {license.customer.name} · expires {formatDate(license.expiresAt)} · auto-renew{" "}
          {license.autoRenew ? "on" : "off"}
          {license.addOns.length ? ` · add-ons: ${license.addOns.map((a) => a.productName).join(", ")}` : ""}
        </p>
      </div>
      <RenewalBadge status={license.status} expiresAt={license.expiresAt} now={now} />
    </li>
  );
}
