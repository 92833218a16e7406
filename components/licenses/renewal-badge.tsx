import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/components/ui/format";
import { renewalWindow } from "@/lib/licenses/rules/renewal-window";
import type { LicenseStatus } from "@/lib/generated/prisma/enums";

/** What an account manager needs at a glance: can this license be renewed now? */
export function RenewalBadge({ status, expiresAt, now }: { status: LicenseStatus; expiresAt: Date | null; now: Date }) {
  if (status === "CANCELLED" || status === "REFUNDED") return <Badge tone="slate">{status === "CANCELLED" ? "Cancelled" : "Refunded"}</Badge>;
  if (status === "PENDING") return <Badge tone="amber">Pending authorization</Badge>;
  const w = renewalWindow(expiresAt, now);
  switch (w.state) {
    case "open":
      return <Badge tone="amber">Renewable now · {w.daysToExpiry} d left</Badge>;
    case "expired":
      return <Badge tone="red">Expired {w.daysSinceExpiry === 0 ? "today" : `${w.daysSinceExpiry} d ago`}</Badge>;
    case "not-yet":
      return <Badge tone="green">Active · renewal opens {formatDate(w.opensAt)}</Badge>;
    default:
      return <Badge tone="slate">No expiry</Badge>;
  }
}
