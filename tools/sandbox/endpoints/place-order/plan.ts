/**
 * Turning PlaceOrder items into licenses. Rules ("SiteLock license" and "The !PlaceOrder API for Resellers", and the SiteLock guide):
 * - At most one main license per order (-54). Every SiteLock item needs a domain (`domainName` or
 *   `x_domainName`, -3).
 * - A main product for a domain that already has a live license of the same product and customer is a
 *   renewal, only inside the 30 days before expiry: -56 "Your current license expires on YYYY-MM-DD..."
 *   (-56 on PlaceOrder, as its documents say). Another product or another customer on that domain -> -122
 *   (PlaceOrder documents no upgrade path).
 * - Add-ons need a SiteLock license valid for the same domain, in this order or already owned, of a
 *   tier that takes them; otherwise -128 "You can not buy the addon." (PlaceOrder has no -121).
 * - reseller=Y: the order waits for AutoAuthorize (licenses "awaiting", renewals pending); funds are
 *   debited on authorization. reseller=N: Sectigo charges the end customer, so the order is live at
 *   once and the reseller is not debited ("SiteLock license": "N — Sectigo will charge the end-customer"; the
 *   answer is the same `orderNumber` either way).
 * - Auto-renew: PlaceOrder has no enableAutoRenew, so for reseller=Y the account's setting decides
 *   (the Partner Portal's "Ordering products": an omitted enableAutoRenew leaves it to the account). reseller=N licenses never auto-renew: an auto-renewal is paid from the
 *   reseller's funds ("Ordering products": it "requires sufficient account funds"), which a reseller=N order never
 *   touches [INFERENCE; decision in lib/sectigo/README.md].
 * - License terms start when the order is placed (the demo's awaiting order has dates already).
 * - Every other PlaceOrder item (SSL, Code Signing, eIDAS, HackerGuardian, eToken, ...) becomes one record of
 *   its own, keyed by its PPP code, with the same awaiting/active and charge rules; certificates (items
 *   whose product has a CSR or is a signing / personal / eIDAS certificate) get a certificateId, and the
 *   CSR's common name as domain. They never auto-renew and have no add-ons. The SiteLock rules above
 *   (one main license, a domain per item) apply to the SiteLock items only.
 */
import { addOnVerdict, productOf } from "../../core/catalog";
import { DAY_MS } from "../../core/clock";
import { err } from "../../core/errors";
import { createLicense, inRenewalWindow, isExpired, liveAddOnsOf, liveBaseForDomain } from "../../core/licenses";
import { createOrder } from "../../core/orders";
import type { Account, Customer, License, Order, PendingRenewal } from "../../core/types";
import { randomDigits, type World } from "../../core/world";
import { materialize, type ResolvedCustomer } from "./customer";
import type { PlacedItem } from "./items";

export interface PlaceOrderInput {
  account: Account;
  items: PlacedItem[];
  /** Domain of each non-SiteLock item, by item number (a certificate's CSR common name). */
  itemDomains: ReadonlyMap<number, string>;
  domainName: string | undefined;
  reseller: "Y" | "N";
  resolved: ResolvedCustomer;
  extra: Pick<Order, "ap" | "region">;
}

type Step =
  | { kind: "new-base"; item: PlacedItem; domain: string }
  | { kind: "new-addon"; item: PlacedItem; domain: string; parent: License | "in-order" }
  | { kind: "renew"; item: PlacedItem; license: License };

function ymd(iso: string): string {
  return iso.slice(0, 10);
}

function planSteps(world: World, input: PlaceOrderInput): Step[] {
  const now = world.now();
  const { account, resolved } = input;
  const siteLock = input.items.filter((i) => i.catalog === undefined);
  const bases = siteLock.filter((i) => productOf(i.code)?.kind !== "addon");
  if (bases.length > 1) throw err.oneMainLicense();
  const steps: Step[] = [];
  const inOrderBase = new Map<string, number>();
  for (const item of [...bases, ...siteLock.filter((i) => productOf(i.code)?.kind === "addon")]) {
    const domain = item.domainName ?? input.domainName;
    if (!domain) throw err.missing("domainName");
    const existing = liveBaseForDomain(world, account.loginName, domain);
    const owned = existing && resolved.customer && existing.customerId === resolved.customer.id ? existing : undefined;
    if (productOf(item.code)?.kind !== "addon") {
      if (existing && !owned) throw err.alreadyExists("domainName");
      if (owned && owned.productCode !== item.code) throw err.alreadyExists("domainName");
      if (owned) {
        if (owned.status !== "active") throw err.invalid("domainName");
        if (!inRenewalWindow(owned, now)) throw err.renewalTooEarly(ymd(owned.expiresAt));
        steps.push({ kind: "renew", item, license: owned });
      } else {
        steps.push({ kind: "new-base", item, domain });
        inOrderBase.set(domain.toLowerCase(), item.code);
      }
      continue;
    }
    const baseCode = inOrderBase.get(domain.toLowerCase()) ?? owned?.productCode;
    if (baseCode === undefined || addOnVerdict(baseCode, item.code) !== "ok") throw err.addOnNotAllowed(`${item.n}_PPP`);
    if (owned && !inOrderBase.has(domain.toLowerCase())) {
      const same = liveAddOnsOf(world, owned).find((l) => l.productCode === item.code);
      if (same) {
        if (!inRenewalWindow(same, now)) throw err.renewalTooEarly(ymd(same.expiresAt));
        steps.push({ kind: "renew", item, license: same });
        continue;
      }
      if (isExpired(owned, now) || owned.status !== "active") throw err.addOnNotAllowed(`${item.n}_PPP`);
      steps.push({ kind: "new-addon", item, domain, parent: owned });
    } else {
      steps.push({ kind: "new-addon", item, domain, parent: "in-order" });
    }
  }
  return steps;
}

export function placeOrderFromItems(world: World, input: PlaceOrderInput): Order {
  const steps = planSteps(world, input);
  const customer = materialize(world, input.account, input.resolved);
  const orderNumber = world.nextOrderNumber();
  const awaiting = input.reseller === "Y";
  const now = world.now();
  const licenses: License[] = [];
  const pending: PendingRenewal[] = [];
  let newBase: License | undefined;
  for (const step of steps) {
    const charge = awaiting ? step.item.price : 0;
    if (step.kind === "renew") {
      if (awaiting) pending.push({ licenseId: step.license.id, days: step.item.days, price: step.item.price });
      else applyRenewal(step.license, step.item.days, 0, now, orderNumber);
      licenses.push(step.license);
      continue;
    }
    const parent = step.kind === "new-addon" ? (step.parent === "in-order" ? newBase : step.parent) : undefined;
    const created = createLicense(world, {
      customer, productCode: step.item.code, domainName: step.domain, termDays: step.item.days, startsAt: now,
      periodCharge: charge, autoRenew: awaiting && input.account.autoRenewDefault && step.item.days > 0,
      status: awaiting ? "awaiting" : "active", parentId: parent?.id ?? null, orderNumber, visibility: step.item.visibility,
    });
    if (parent) created.slSiteId = parent.slSiteId;
    if (step.kind === "new-base") newBase = created;
    licenses.push(created);
  }
  for (const item of input.items) {
    if (!item.catalog) continue;
    licenses.push(catalogRecord(world, { customer, item, awaiting, now, orderNumber, domain: input.itemDomains.get(item.n) ?? "" }));
  }
  const kinds = new Set(steps.map((s) => s.kind));
  const order = createOrder(world, {
    orderNumber, loginName: input.account.loginName, customerId: customer.id, source: "PlaceOrder",
    kind: kinds.has("new-base") || steps.length === 0 ? "new" : kinds.has("renew") ? "renewal" : "addon",
    status: awaiting ? "awaiting" : "active",
    // What the reseller is charged (WebHostReport's cost): nothing for reseller=N, as for a test order.
    totalCost: awaiting ? input.items.reduce((s, i) => s + i.price, 0) : 0,
    licenseIds: licenses.map((l) => l.id), products: input.items.map((i) => i.code),
    domainName: input.domainName ?? input.items[0]?.domainName ?? input.itemDomains.get(1) ?? null, reseller: input.reseller, extra: input.extra,
  });
  if (pending.length > 0) order.pendingRenewals = pending;
  return order;
}

const CERTIFICATE_LINES: ReadonlySet<string> = new Set(["code-signing", "document-signing", "pdf-signing", "personal-authentication", "eidas", "qwac"]);

/** The record of one non-SiteLock item: a certificate (with its certificateId) or a service license. */
function catalogRecord(
  world: World,
  init: { customer: Customer; item: PlacedItem; awaiting: boolean; now: Date; orderNumber: string; domain: string },
): License {
  const { item, awaiting } = init;
  const product = item.catalog!.product;
  const record = createLicense(world, {
    customer: init.customer, productCode: item.code, domainName: init.domain, termDays: item.days, startsAt: init.now,
    periodCharge: awaiting ? item.price : 0, autoRenew: false, status: awaiting ? "awaiting" : "active", parentId: null,
    orderNumber: init.orderNumber, visibility: item.visibility,
  });
  const isCertificate = item.catalog!.label !== undefined && (product.needs.includes("csr") || CERTIFICATE_LINES.has(product.line));
  if (isCertificate && !product.companionOnly) record.certificateId = randomDigits(9);
  return record;
}

/** Extends a license by `days` from its current expiry and restarts its refund period. */
export function applyRenewal(license: License, days: number, charge: number, now: Date, orderNumber: string): void {
  license.expiresAt = new Date(Date.parse(license.expiresAt) + days * DAY_MS).toISOString();
  license.termDays = days;
  license.refundWindowStart = now.toISOString();
  license.periodCharge = charge;
  license.orderNumbers.push(orderNumber);
}
