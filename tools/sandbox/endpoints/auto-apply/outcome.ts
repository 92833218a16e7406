/** What an AutoApplyOrder flow produced, and how it is answered in responseFormat 0 and 1. */
import type { Customer, License, Order } from "../../core/types";
import { money } from "../../core/world";
import type { Reply } from "../../http/reply";

export interface Outcome {
  order: Order;
  customer: Customer | null;
  /** The SiteLock license whose user/site IDs are returned (none for SSL-only orders). */
  siteLicense: License | null;
  certificateId?: string;
}

export interface ReplyOptions {
  format: "0" | "1";
  showCertificateID: boolean;
  showCertificateState: boolean;
  /** test=Y: nothing is billed, so the amount debited is 0.00. */
  test: boolean;
}

const CERTIFICATE_STATE = "Awaiting Validation";

/**
 * responseFormat=1 keys: errorCode, orderNumber, totalCost, expectedDeliveryTime, uniqueValue are
 * documented; certificateID/certificateState and slUserID/slSiteID are [INFERENCE] (the AutoAuthorize
 * and SSL API names).
 *
 * responseFormat=0: line 1 status, 2 order number, 3 amount, 4 expected delivery (always 1), then the
 * optional certificate ID / state lines and the unique value. Decision (the Partner Portal's "Response parameters" gives both layouts): the
 * partner-portal page puts the SiteLock user ID on line 8 and the site ID on line 9 while the unique
 * value sits on line 5, 6 or 7, so the sandbox pads with empty lines up to line 7 and writes the
 * SiteLock IDs on lines 8 and 9 — both statements then hold.
 */
export function outcomeReply(outcome: Outcome, options: ReplyOptions): Reply {
  const cost = options.test ? "0.00" : money(outcome.order.totalCost);
  const cert = outcome.certificateId;
  const slUser = outcome.siteLicense && outcome.customer ? outcome.customer.slUserId : undefined;
  const slSite = outcome.siteLicense?.slSiteId;
  if (options.format === "1") {
    const fields: Array<[string, string]> = [
      ["errorCode", "0"],
      ["orderNumber", outcome.order.orderNumber],
      ["totalCost", cost],
      ["expectedDeliveryTime", "1"],
    ];
    if (cert && options.showCertificateID) fields.push(["certificateID", cert]);
    if (cert && options.showCertificateState) fields.push(["certificateState", CERTIFICATE_STATE]);
    fields.push(["uniqueValue", outcome.order.uniqueValue]);
    if (slUser && slSite) fields.push(["slUserID", slUser], ["slSiteID", slSite]);
    return { type: "urlencoded", fields };
  }
  const lines = ["0", outcome.order.orderNumber, cost, "1"];
  if (cert && options.showCertificateID) lines.push(cert);
  if (cert && options.showCertificateState) lines.push(CERTIFICATE_STATE);
  lines.push(outcome.order.uniqueValue);
  if (slUser && slSite) {
    while (lines.length < 7) lines.push("");
    lines.push(slUser, slSite);
  }
  return { type: "newline", lines };
}
