import { Badge, type Tone } from "@/components/ui/badge";
import type { DerivedStatus } from "@/lib/licenses/licence-status";

const LABELS: Record<DerivedStatus, { label: string; tone: Tone }> = {
  PENDING: { label: "Pending authorization", tone: "amber" },
  ACTIVE: { label: "Active", tone: "green" },
  RENEWABLE: { label: "Renewable now", tone: "amber" },
  EXPIRED: { label: "Expired", tone: "red" },
  CANCELLED: { label: "Cancelled", tone: "slate" },
  REFUNDED: { label: "Refunded", tone: "slate" },
};

/** A licence's derived status (lib/licenses/licence-status.ts), as a badge. */
export function LicenceStatusBadge({ status }: { status: DerivedStatus }) {
  const { label, tone } = LABELS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
