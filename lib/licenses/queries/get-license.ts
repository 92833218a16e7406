import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { addOnsFor, productById, termByValue, termValue } from "@/lib/catalog";
import { renewalQuote } from "@/lib/licenses/actions/renew";
import { licenseStatus } from "../rules/status";
import { licenseBilledBySectigo } from "../rules/payer-query";
import { renewalEligibility } from "../rules/renewal-eligibility";
import { addOnTermOffers } from "../actions/order-add-on";
import { defaultAddOnDays } from "../actions/add-on-offer";
import { licenseEnding } from "./license-ending";

/** Our license ids: cuids, or the demo seed's readable ids. */
export const licenseIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/);

const TIER_NAMES = ["Free (tier 0)", "Basic (tier 1)", "Pro (tier 2)", "Business (tier 3)"];

/** How many orders of the chain the page shows (newest first); a license rarely has more. */
const CHAIN_LIMIT = 50;

/**
 * One license for its page: what it is, its derived status, whether it can be renewed now (and the
 * price), its add-ons (and those its tier may take), who switched auto-renew last, and its chain:
 * the order that created it and every order that acted on it (targetLicenseId), newest first,
 * through the (targetLicenseId, createdAt) index. What the viewer may do comes with it.
 */
export async function getLicense(actor: Actor, id: string, now: Date = new Date()) {
  assertCan(actor, "viewLicenses");
  const parsed = licenseIdSchema.safeParse(id);
  if (!parsed.success) return null;
  const license = await prisma.license.findUnique({
    where: { id: parsed.data },
    include: {
      customer: { select: { id: true, name: true, email: true, resellerAccount: { select: { id: true, label: true, autoRenewDefault: true } } } },
      addOns: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!license) return null;
  const orderSelect = { id: true, kind: true, status: true, orderNumber: true, foreignOrderNumber: true, createdAt: true, errorMessage: true, errorCode: true, placedBy: { select: { name: true } } } as const;
  const [created, acting, autoRenewEvent, sectigoBillsCustomer] = await Promise.all([
    prisma.order.findUnique({ where: { id: license.orderId }, select: orderSelect }),
    prisma.order.findMany({ where: { targetLicenseId: license.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: CHAIN_LIMIT, select: orderSelect }),
    prisma.orderEvent.findFirst({
      where: { orderId: license.orderId, kind: "AUTO_RENEW", data: { path: ["licenseId"], equals: license.id } },
      orderBy: { createdAt: "desc" },
      select: { actorLabel: true, createdAt: true, data: true },
    }),
    // Who pays for renewals, add-ons and plan changes: the creating order's payer (license-payer.ts).
    licenseBilledBySectigo(prisma, license.orderId),
  ]);
  const chain = [...acting, ...(created ? [created] : [])].map((o) => ({ ...o, who: o.placedBy?.name ?? "Order Desk", createdTheLicense: o.id === license.orderId }));

  const status = licenseStatus(license, now);
  const eligibility = renewalEligibility({ ...license, sectigoBillsCustomer }, now);
  const liveAddOns = license.addOns.filter((a) => a.status === "ACTIVE");
  const quote = eligibility.ok ? await renewalQuote(prisma, { ...license, addOns: liveAddOns }) : null;
  const product = productById(license.productCode);
  const has = new Set(liveAddOns.map((a) => a.productCode));
  const manage = can(actor.role, "manageRenewals");
  const candidates = product ? addOnsFor(product).filter((p) => p.productId !== undefined && !has.has(p.productId)) : [];
  const [prices, ending] = await Promise.all([
    candidates.length
      ? prisma.planPrice.findMany({ where: { productKey: { in: candidates.map((p) => p.key) }, term: { in: [...new Set(candidates.flatMap((p) => ["30", "365"].map((d) => termByValue(p, d)).flatMap((t) => (t ? [termValue(p, t)] : []))))] } }, select: { productKey: true, term: true, sellPrice: true, currency: true, enabled: true } })
      : Promise.resolve([]),
    licenseEnding(prisma, license),
  ]);
  const availableAddOns = candidates
    .map((p) => {
      // Each term the catalog sells it for and an admin has not disabled, with its price and end date.
      const termPrices = new Map<number, { amount: number; currency: string } | null>();
      for (const d of [30, 365]) {
        const t = termByValue(p, String(d));
        const row = t ? prices.find((r) => r.productKey === p.key && r.term === termValue(p, t)) : undefined;
        if (t && row?.enabled !== false) termPrices.set(d, row ? { amount: Number(row.sellPrice), currency: row.currency } : null);
      }
      const terms = addOnTermOffers(license, { productId: p.productId!, name: p.name }, termPrices, now);
      return { key: p.key, productId: p.productId!, name: p.name, terms, defaultDays: defaultAddOnDays(terms, license.termDays) };
    })
    .filter((p) => p.terms.length > 0);
  const live = status === "ACTIVE" || status === "RENEWABLE";
  return {
    ...license,
    tier: product?.sitelock?.tier !== undefined ? TIER_NAMES[product.sitelock.tier] ?? null : null,
    status,
    eligibility,
    quote,
    addOns: license.addOns.map((a) => ({ ...a, outlivesLicense: Boolean(a.expiresAt && license.expiresAt && a.expiresAt > license.expiresAt) })),
    availableAddOns,
    autoRenewDefault: license.customer.resellerAccount.autoRenewDefault,
    autoRenewSwitchedBy: autoRenewEvent ? { by: autoRenewEvent.actorLabel, at: autoRenewEvent.createdAt } : null,
    chain,
    /** How and when a refunded or cancelled license ended (null while it has not). */
    ending,
    sectigoBillsCustomer,
    can: {
      renew: manage && eligibility.ok,
      // Reseller=N: only switching OFF is offered (switching on would renew from our funds).
      switchAutoRenew: manage && (!sectigoBillsCustomer || license.autoRenew) && (license.status === "ACTIVE" || license.status === "EXPIRED") && license.productCode !== 1072 && license.expiresAt !== null,
      manage,
      addOn: manage && live && Boolean(license.currentOrderNumber) && !sectigoBillsCustomer,
      changePlan: manage && !sectigoBillsCustomer,
      /** Ordering a new license for the same site (an ended license links to a prefilled order form). */
      orderNew: can(actor.role, "placeOrders"),
    },
  };
}

export type LicenseStory = NonNullable<Awaited<ReturnType<typeof getLicense>>>;
