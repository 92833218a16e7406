import "server-only";
import type { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { orderableByFamily, productByKey, termOptionsFor, type FamilyKey } from "@/lib/catalog";
import { PLANS_PER_PAGE, type planPriceFilterSchema } from "@/lib/settings/plan-price-schemas";

export interface PlanPriceRow {
  productKey: string;
  productName: string;
  term: string;
  termLabel: string;
  /** null: no price row yet (the plan is offered with "price not set"). */
  buyPrice: string | null;
  sellPrice: string | null;
  currency: string | null;
  enabled: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/**
 * The orderable plans of the catalog (product x term) that match the filters, grouped by family,
 * with their price rows, one page of PLANS_PER_PAGE at a time (a family may continue on the next
 * page). The catalog is a few hundred plans in memory, so the page is a slice of it (an offset over
 * an array, not a query) and the whole PlanPrice table is read at once.
 */
export async function listPlanPrices(actor: Actor, filter: z.output<typeof planPriceFilterSchema> = {}) {
  assertCan(actor, "manageSettings");
  const rows = await prisma.planPrice.findMany({ include: { updatedBy: { select: { name: true } } } });
  const byPlan = new Map(rows.map((r) => [`${r.productKey}|${r.term}`, r]));
  const words = (filter.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const groups = orderableByFamily();
  const families = groups.map((g) => ({ key: g.family.key, name: g.family.name }));
  // A family the catalog does not know filters nothing: the form's select then shows "All families", as applied.
  const family = families.some((f) => f.key === filter.family) ? filter.family : undefined;
  const shown = groups
    .filter((g) => !family || g.family.key === family)
    .map((g) => ({
      family: { key: g.family.key as FamilyKey, name: g.family.name },
      plans: g.products
        .filter((p) => words.every((w) => `${p.name} ${g.family.name} ${p.placeOrderName ?? ""}`.toLowerCase().includes(w)))
        .flatMap((p) =>
          termOptionsFor(p).map((t): PlanPriceRow => {
            const row = byPlan.get(`${p.key}|${t.value}`);
            return {
              productKey: p.key,
              productName: p.name,
              term: t.value,
              termLabel: t.label,
              buyPrice: row ? row.buyPrice.toFixed(2) : null,
              sellPrice: row ? row.sellPrice.toFixed(2) : null,
              currency: row?.currency ?? null,
              enabled: row?.enabled ?? true,
              updatedAt: row ? row.updatedAt.toISOString() : null,
              updatedBy: row?.updatedBy?.name ?? null,
            };
          }),
        ),
    }))
    .filter((g) => g.plans.length > 0);
  const total = shown.reduce((n, g) => n + g.plans.length, 0);
  const pageCount = Math.max(1, Math.ceil(total / PLANS_PER_PAGE));
  const page = Math.min(filter.page ?? 1, pageCount);
  const paged = pagePlans(shown, (page - 1) * PLANS_PER_PAGE, PLANS_PER_PAGE);
  // Every priced plan that sells below its buy price, whatever the filters: the page names them.
  const losses = rows
    .filter((r) => r.sellPrice.lessThan(r.buyPrice))
    .map((r) => {
      const product = productByKey(r.productKey);
      const term = product ? termOptionsFor(product).find((t) => t.value === r.term) : undefined;
      return { productKey: r.productKey, term: term?.label ?? r.term, productName: product?.name ?? r.productKey, loss: r.buyPrice.minus(r.sellPrice).toFixed(2), currency: r.currency };
    });
  return { families, groups: paged, losses, page, pageCount, total };
}

/**
 * `size` plans from the `start`-th, in their families; a family cut by the page's start is marked
 * `continued`, one cut by its end `continues`.
 */
export function pagePlans<P, G extends { plans: P[] }>(groups: G[], start: number, size: number): Array<G & { continued: boolean; continues: boolean }> {
  const out: Array<G & { continued: boolean; continues: boolean }> = [];
  let offset = 0;
  for (const g of groups) {
    const from = Math.max(0, start - offset);
    const to = Math.min(g.plans.length, start + size - offset);
    if (from < to) out.push({ ...g, plans: g.plans.slice(from, to), continued: from > 0, continues: to < g.plans.length });
    offset += g.plans.length;
  }
  return out;
}
