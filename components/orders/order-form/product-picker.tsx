"use client";

import { useMemo, useState } from "react";
import { orderableByFamily, searchProducts, type Product } from "@/lib/catalog";
import { inputClass } from "@/components/ui/field";

/** Step 1: the products on offer, grouped by family, with a search box; a cart takes PlaceOrder products only. */
export function ProductPicker({
  offered,
  productKey,
  cartLength,
  onPick,
}: {
  offered: Record<string, string[]>;
  productKey: string | undefined;
  cartLength: number;
  onPick: (product: Product) => void;
}) {
  const [query, setQuery] = useState("");
  const groups = useMemo(() => {
    const found = query.trim() ? new Set(searchProducts(query).map((p) => p.key)) : undefined;
    return orderableByFamily()
      .map((g) => ({ ...g, products: g.products.filter((p) => offered[p.key] && (!found || found.has(p.key))) }))
      .filter((g) => g.products.length > 0);
  }, [query, offered]);

  return (
    <section aria-labelledby="pick-product" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="pick-product" className="mb-2 text-sm font-semibold text-slate-800">
        1. Product
      </h2>
      <label htmlFor="product-search" className="sr-only">
        Search products
      </label>
      <input id="product-search" className={inputClass} placeholder="Search: sitelock pro, code signing, wildcard…" value={query} onChange={(e) => setQuery(e.target.value)} />
      <div className="mt-3 max-h-[32rem] space-y-3 overflow-y-auto pr-1" role="radiogroup" aria-label="Products">
        {groups.length === 0 ? <p className="text-sm text-slate-600">No product matches “{query}”.</p> : null}
        {groups.map((g) => (
          <fieldset key={g.family.key}>
            <legend className="text-xs font-semibold uppercase tracking-wide text-slate-600">{g.family.name}</legend>
            {g.products.map((p) => (
              <label key={p.key} className={`mt-1 flex cursor-pointer items-start gap-2 rounded px-2 py-1 text-sm ${p.key === productKey ? "bg-brand-50 ring-1 ring-brand-600" : "hover:bg-slate-50"}`}>
                <input type="radio" name="product" value={p.key} className="mt-1" disabled={cartLength > 0 && p.api !== "PlaceOrder"} checked={p.key === productKey} onChange={() => onPick(p)} />
                <span>
                  {p.name}
                  {p.note ? <span className="block text-xs text-slate-600">{p.note}</span> : null}
                </span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
    </section>
  );
}
