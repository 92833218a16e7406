import { Badge, type Tone } from "@/components/ui/badge";
import type { DerivedStatus } from "@/lib/licenses/rules/status";

const LABELS: Record<DerivedStatus, { label: string; tone: Tone }> = {
  PENDING: { label: "Pending authorization", tone: "amber" },
  ACTIVE: { label: "Active", tone: "green" },
  RENEWABLE: { label: "Renewable now", tone: "amber" },
  EXPIRED: { label: "Expired", tone: "red" },
  CANCELLED: { label: "Cancelled", tone: "slate" },
  REFUNDED: { label: "Refunded", tone: "slate" },
};

/** A license's derived status (lib/licenses/rules/status.ts), as a badge. */
export function LicenseStatusBadge({ status }: { status: DerivedStatus }) {
  const { label, tone } = LABELS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
