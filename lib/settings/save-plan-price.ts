import "server-only";
import type { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { productByKey, termByValue } from "@/lib/catalog";
import type { savePlanPriceSchema } from "@/lib/settings/plan-price-schemas";

/** Sets the price, currency and enabled flag of one plan (catalog product + term). */
export async function savePlanPrice(actor: Actor, input: z.output<typeof savePlanPriceSchema>) {
  assertCan(actor, "manageSettings");
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
  const row = await prisma.planPrice.upsert({
    where: { productKey_term: { productKey: input.productKey, term: input.term } },
    create: { productKey: input.productKey, term: input.term, ...data },
    update: data,
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
