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

/** What the differences table says when it has no row: "agree" only once a sync has finished. */
export function emptyDriftMessage(lastSyncAt: Date | string | null): string {
  if (!lastSyncAt) return "No sync has run yet: nothing has been compared with Sectigo.";
  return `No open differences: Order Desk and Sectigo agree as of the last sync (${new Date(lastSyncAt).toISOString().slice(0, 16).replace("T", " ")} UTC).`;
}
