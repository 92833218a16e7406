/**
 * The names each item of an order covers (issue 17 item 8), from what the order sends: the CSR of
 * a certificate item (its common name and subject alternative names, lib/orders/csr-names.ts) and
 * the domain field a product asks for. Pure: used when the order is written (submit-order.ts) and
 * for orders written before (backfill-order-domains.ts), on the request as recorded in Order.request.
 */
import { csrNames } from "./csr-names";

export type DomainSource = "CN" | "SAN" | "FIELD";

export interface ItemDomain {
  domainName: string;
  source: DomainSource;
}

/** At most this many names per item (Sectigo's multi-domain certificates stop at 250 SANs). */
export const MAX_NAMES_PER_ITEM = 250;

/** A DNS name as stored (lower-case, no trailing dot), wildcards kept; undefined for anything else. */
export function storedDomain(name: string): string | undefined {
  const d = name.trim().toLowerCase().replace(/\.+$/, "");
  return d.length <= 253 && /^(\*\.)?[\p{L}\p{N}_-]+(\.[\p{L}\p{N}_-]+)+$/u.test(d) ? d : undefined;
}

/** The CSR text an item of the recorded request carries, if any. */
function csrOf(params: unknown): string | undefined {
  if (!params || typeof params !== "object") return undefined;
  const value = (params as Record<string, unknown>).csr;
  return typeof value === "string" && value.includes("CERTIFICATE REQUEST") ? value : undefined;
}

/**
 * Per item of `items` (same order), the names it covers: its domain field first, then the CSR's
 * common name, then the SANs; each name once (the first source wins).
 * `request` is `{ operation, input }` as sent (OrderSubmission["sectigo"]) or as recorded.
 */
export function itemDomains(request: unknown, items: ReadonlyArray<{ productCode: number; domainName: string | null; isAddOn: boolean }>): ItemDomain[][] {
  const csrs: Array<string | undefined> = items.map(() => undefined);
  const r = request as { operation?: unknown; input?: Record<string, unknown> } | null;
  if (r?.operation === "placeOrder" && Array.isArray(r.input?.items)) {
    // A sent item is the recorded item with its code (the PPP code, lib/orders/build-submission.ts);
    // the same code twice in a cart: the next one not taken yet.
    for (const sent of r.input.items as Array<{ pricingCode?: unknown; productId?: unknown; params?: unknown }>) {
      const csr = csrOf(sent?.params);
      if (!csr) continue;
      const code = sent.pricingCode ?? sent.productId;
      const k = items.findIndex((item, n) => item.productCode === code && csrs[n] === undefined);
      if (k >= 0) csrs[k] = csr;
    }
  } else if (r?.operation === "autoApplyOrder" && typeof r.input?.csr === "string") {
    // The SSL certificate of an SSL + SiteLock bundle: the item of the certificate's product code.
    const certificate = Array.isArray(r.input.productCodes) ? r.input.productCodes[0] : undefined;
    const byCode = items.findIndex((i) => i.productCode === certificate);
    const k = byCode >= 0 ? byCode : items.findIndex((i) => !i.isAddOn);
    if (k >= 0) csrs[k] = r.input.csr;
  }
  return items.map((item, k) => {
    const names = new Map<string, DomainSource>();
    const add = (name: string | undefined, source: DomainSource) => {
      const d = name === undefined ? undefined : storedDomain(name);
      if (d && !names.has(d) && names.size < MAX_NAMES_PER_ITEM) names.set(d, source);
    };
    if (item.domainName) add(item.domainName, "FIELD");
    const csr = csrs[k];
    if (csr) {
      const parsed = csrNames(csr);
      add(parsed.commonName, "CN");
      for (const san of parsed.altNames) add(san, "SAN");
    }
    return [...names].map(([domainName, source]) => ({ domainName, source }));
  });
}

/** The name an item is known by (OrderItem.domainName): its domain field, else the CSR's first name. */
export function primaryDomain(item: { domainName: string | null }, domains: ItemDomain[]): string | null {
  return item.domainName ?? domains[0]?.domainName ?? null;
}
