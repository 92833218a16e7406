import type { DriftKind } from "@/lib/generated/prisma/enums";

export const KIND_LABEL: Record<DriftKind, string> = {
  UNKNOWN_TO_US: "Unknown to us",
  STATUS: "Status differs",
  EXPIRY: "Expiry differs",
  AUTO_RENEW: "Auto-renew differs",
};

/** A drift value as a person reads it: dates as days, flags as on/off. */
export function showValue(kind: DriftKind, value: string | null): string {
  if (value === null) return "—";
  if (kind === "EXPIRY") return `${value.slice(0, 16).replace("T", " ")} UTC`;
  if (kind === "AUTO_RENEW") return value === "true" ? "on" : "off";
  if (kind === "STATUS") return value.toLowerCase();
  return value;
}
