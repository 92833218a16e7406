/**
 * Path -> endpoint. Decision (the Partner Portal writes `AutoApplyOrder` without `!`, and "The !PlaceOrder API for Resellers" `!placeOrder`): names match
 * case-insensitively, with or without the leading `!` (also percent-encoded as %21), so
 * `/products/AutoApplyOrder` (partner-portal spelling) reaches `!AutoApplyOrder`. A trailing `?` with
 * an empty query (the SRA curl samples) is harmless.
 */
import type { Endpoint } from "./endpoint";
import { autoApplyOrder } from "./auto-apply-order";
import { autoAuthorize, autoReject } from "./auto-authorize";
import { autoRefund } from "./auto-refund";
import { getAccountBalance } from "./get-account-balance";
import { modifyThirdPartyDetails } from "./modify-third-party-details";
import { placeOrder } from "./place-order";
import { webHostReport } from "./web-host-report";

export const ENDPOINTS: readonly Endpoint[] = [
  autoApplyOrder,
  placeOrder,
  autoAuthorize,
  autoReject,
  autoRefund,
  modifyThirdPartyDetails,
  webHostReport,
  getAccountBalance,
];

const BY_NAME = new Map(ENDPOINTS.map((e) => [e.name.toLowerCase(), e]));

export function endpointFor(segment: string): Endpoint | undefined {
  return BY_NAME.get(segment.replace(/^!/, "").toLowerCase());
}
