import type { Tone } from "@/components/ui/badge";
import { OrderStatus } from "@/lib/generated/prisma/enums";

/** What people read for each order status: one table for the badge and the status filter. */
export const ORDER_STATUS_LABELS: Record<OrderStatus, { label: string; tone: Tone }> = {
  SUBMITTING: { label: "Submitting", tone: "blue" },
  UNKNOWN: { label: "Outcome unknown", tone: "red" },
  AWAITING_AUTHORIZATION: { label: "Awaiting authorization", tone: "amber" },
  PLACED: { label: "Placed", tone: "green" },
  REJECTED: { label: "Rejected", tone: "slate" },
  FAILED: { label: "Failed", tone: "red" },
  CANCELLED: { label: "Cancelled", tone: "slate" },
  REFUNDED: { label: "Refunded", tone: "slate" },
};

/** [value, label] pairs for the status filter, "Any" first, in workflow order. */
export const ORDER_STATUS_OPTIONS: Array<[string, string]> = [
  ["", "Any"],
  ...Object.values(OrderStatus).map((s): [string, string] => [s, ORDER_STATUS_LABELS[s].label]),
];
