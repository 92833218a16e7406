import "server-only";
import type { z } from "zod";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { changedFields } from "@/lib/audit/changed-fields";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { productByKey, termByValue } from "@/lib/catalog";
import { lossMessage, sellsAtALoss, type savePlanPriceSchema } from "@/lib/settings/plan-price-schemas";

/**
 * Sets the price, currency and enabled flag of one plan (catalog product + term). A sell price
 * below the buy price is saved only with `acceptLoss` (the schema says so beside the sell price;
 * checked here too for callers that are not the form).
 */
export async function savePlanPrice(actor: Actor, input: Omit<z.output<typeof savePlanPriceSchema>, "acceptLoss"> & { acceptLoss?: boolean }) {
  assertCan(actor, "manageSettings");
  const loss = sellsAtALoss(input.buyPrice, input.sellPrice);
  if (loss && !input.acceptLoss) throw new AppError("INVALID_INPUT", lossMessage(loss), "sellPrice");
  const product = productByKey(input.productKey);
  if (!product || !product.orderable) throw new AppError("NOT_FOUND", "That product is not in the catalog.");
  if (!termByValue(product, input.term)) throw new AppError("NOT_FOUND", `${product.name} has no such term.`);
  const data = {
    buyPrice: input.buyPrice,
    sellPrice: input.sellPrice,
    currency: input.currency,
    enabled: input.enabled,
    updatedById: actor.system ? null : actor.id,
  };
  const key = { productKey: input.productKey, term: input.term };
  const row = await auditedTransaction(async (tx, changes) => {
    // The row as it was, locked so the before/after is the one this save replaced.
    const [before] = await tx.$queryRaw<Array<{ buyPrice: string; sellPrice: string; currency: string; enabled: boolean }>>`
      SELECT "buyPrice"::text AS "buyPrice", "sellPrice"::text AS "sellPrice", currency, enabled
      FROM "PlanPrice" WHERE "productKey" = ${input.productKey} AND term = ${input.term} FOR UPDATE`;
    const saved = await tx.planPrice.upsert({ where: { productKey_term: key }, create: { ...key, ...data }, update: data });
    const after = { buyPrice: saved.buyPrice.toFixed(2), sellPrice: saved.sellPrice.toFixed(2), currency: saved.currency, enabled: saved.enabled };
    const target = `PlanPrice:${input.productKey}/${input.term}`;
    changes.push(before ? changedFields(target, { ...before, buyPrice: Number(before.buyPrice).toFixed(2), sellPrice: Number(before.sellPrice).toFixed(2) }, after) : { target, before: null, after });
    return saved;
  });
  return {
    productKey: row.productKey,
    term: row.term,
    buyPrice: row.buyPrice.toFixed(2),
    sellPrice: row.sellPrice.toFixed(2),
    currency: row.currency,
    enabled: row.enabled,
  };
}
