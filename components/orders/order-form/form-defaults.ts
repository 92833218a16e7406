/** A product form's starting values: its default term, and what the cart's previous product carries over. */
import { termOptionsFor, type FieldKey, type Product } from "@/lib/catalog";

/** One year when the product offers it (what most orders are), else its first offered term. */
export function defaultTerm(product: Product, offeredTerms: Array<{ value: string }>): string {
  const all = termOptionsFor(product);
  const yearly = all[product.terms.findIndex((t) => t.days === 365)]?.value;
  return offeredTerms.find((t) => t.value === yearly)?.value ?? offeredTerms[0]?.value ?? "";
}

/** Order-level values carried from the cart's previous product, for the fields this product has. */
export function carried(carry: Record<string, unknown> | undefined, fields: Array<{ key: FieldKey }>): Record<string, unknown> {
  if (!carry) return {};
  return Object.fromEntries(Object.entries(carry).filter(([k]) => fields.some((f) => f.key === k)));
}
