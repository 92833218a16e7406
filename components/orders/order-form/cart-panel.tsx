"use client";

import { productByKey, termOptionsFor } from "@/lib/catalog";
import { Button } from "@/components/ui/button";
import type { CartItem } from "./types";

/** The products already added to this order (a cart of PlaceOrder products), each removable. */
export function CartPanel({ cart, onRemove }: { cart: CartItem[]; onRemove: (index: number) => void }) {
  return (
    <section aria-label="This order so far" className="rounded-lg border border-brand-600 bg-brand-50 p-4 text-sm">
      <h2 className="mb-2 font-semibold text-slate-800">This order so far</h2>
      <ul className="space-y-1">
        {cart.map((item, i) => {
          const p = productByKey(item.productKey);
          const term = p ? termOptionsFor(p).find((t) => t.value === item.values.term)?.label : undefined;
          return (
            <li key={`${item.productKey}-${i}`} className="flex items-center justify-between gap-2">
              <span>
                {p?.name ?? item.productKey}
                {term ? `, ${term}` : ""}
              </span>
              <Button type="button" variant="secondary" onClick={() => onRemove(i)}>
                Remove
              </Button>
            </li>
          );
        })}
      </ul>
      <p className="mt-2 text-xs text-slate-600">Add the last product below and place the order: all go to Sectigo as one order. Its prices are under “Price and payment”.</p>
    </section>
  );
}
