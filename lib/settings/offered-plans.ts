import "server-only";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import { can } from "@/lib/auth/roles";
import type { Actor } from "@/lib/auth/session";
import { orderableByFamily, productByKey, termByValue, termOptionsFor, type Family } from "@/lib/catalog";
import { marginOf } from "@/lib/settings/margin";

/** What a plan costs us and the customer. Amounts are strings with two decimals ("12.50"). */
export interface PlanPriceInfo {
  buyPrice: string;
  sellPrice: string;
  currency: string;
  /** sellPrice - buyPrice. */
  margin: string;
  /** Margin as a share of the sell price (one decimal); null when the sell price is 0. */
  marginPercent: number | null;
}

export interface OfferedTerm {
  value: string;
  label: string;
  /** null: no price has been set for this plan ("price not set"); it can still be ordered. */
  price: PlanPriceInfo | null;
}

export interface OfferedProduct {
  key: string;
  name: string;
  terms: OfferedTerm[];
}

type PriceRow = { buyPrice: { toFixed(d: number): string }; sellPrice: { toFixed(d: number): string }; currency: string; enabled: boolean };

function priceInfo(row: PriceRow | undefined): PlanPriceInfo | null {
  if (!row) return null;
  const buyPrice = row.buyPrice.toFixed(2);
  const sellPrice = row.sellPrice.toFixed(2);
  const margin = marginOf(buyPrice, sellPrice);
  return { buyPrice, sellPrice, currency: row.currency, margin: margin?.amount ?? "0.00", marginPercent: margin?.percent ?? null };
}

/**
 * The plans the order form may offer, grouped by family in picker order. A plan an ADMIN disabled
 * (/settings/prices) is left out, and so is a product with no term left; a plan without a price
 * row is offered with `price: null` (decision: a fresh install can order everything before anyone
 * has typed a price list; the form says "price not set").
 */
export async function offeredPlans(actor: Actor): Promise<{ family: Family; products: OfferedProduct[] }[]> {
  assertCan(actor, "placeOrders");
  const rows = await prisma.planPrice.findMany({ select: { productKey: true, term: true, buyPrice: true, sellPrice: true, currency: true, enabled: true } });
  const byPlan = new Map(rows.map((r) => [`${r.productKey}|${r.term}`, r]));
  return orderableByFamily()
    .map(({ family, products }) => ({
      family,
      products: products
        .map((p) => ({
          key: p.key,
          name: p.name,
          terms: termOptionsFor(p)
            .map((t) => ({ ...t, row: byPlan.get(`${p.key}|${t.value}`) }))
            .filter((t) => t.row?.enabled !== false)
            .map(({ value, label, row }) => ({ value, label, price: priceInfo(row) })),
        }))
        .filter((p) => p.terms.length > 0),
    }))
    .filter((g) => g.products.length > 0);
}

/**
 * For the server action that places an order: whether this plan may be ordered now, and its price.
 * Check it on the server, not only in the form: a plan disabled while the form was open is refused.
 */
export async function priceFor(
  actor: Actor,
  productKey: string,
  term: string,
): Promise<{ offered: false } | { offered: true; price: PlanPriceInfo | null }> {
  // Also the price of a license action (plan change) taken by an account manager.
  assertCan(actor, actor && can(actor.role, "manageRenewals") ? "manageRenewals" : "placeOrders");
  const product = productByKey(productKey);
  if (!product || !product.orderable || !termByValue(product, term)) return { offered: false };
  const row = await prisma.planPrice.findUnique({
    where: { productKey_term: { productKey, term } },
    select: { buyPrice: true, sellPrice: true, currency: true, enabled: true },
  });
  if (row && !row.enabled) return { offered: false };
  return { offered: true, price: priceInfo(row ?? undefined) };
}
