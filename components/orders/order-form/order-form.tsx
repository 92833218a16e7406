"use client";

/**
 * The order form: product (grouped by family, with search), term, customer or license, the fields the
 * product needs (generated from the catalog), prices, then one submit. The product's zod schema
 * (lib/catalog/schema.ts) checks the form here and again on the server. The draft (draft-storage.ts)
 * keeps what is typed across a failed submit or a reload, with the submission key that makes a retry
 * place one order.
 */
import { useEffect, useState } from "react";
import { productByKey } from "@/lib/catalog";
import { switchProduct } from "@/lib/orders/form-carry-over";
import type { PriceInfo } from "../order-price-panel";
import { CartPanel } from "./cart-panel";
import { loadDraft, saveDraft } from "./draft-storage";
import { ProductOrder } from "./product-order";
import { ProductPicker } from "./product-picker";
import type { AccountOption, CustomerPick, Draft } from "./types";

export function OrderForm({
  accounts,
  prices,
  offered,
  initialProductKey,
  prefill,
}: {
  accounts: AccountOption[];
  prices: Record<string, PriceInfo>;
  /** Product key -> the term values an ADMIN has not disabled (/settings/prices). */
  offered: Record<string, string[]>;
  initialProductKey?: string;
  /** Opened from elsewhere (an ended license): its account, customer and field values, over any saved draft. */
  prefill?: { accountId?: string; customer?: CustomerPick; values?: Record<string, unknown> };
}) {
  const [draft, setDraft] = useState<Draft>(() => ({ submissionKey: "", productKey: initialProductKey, ...prefill }));
  const [restored, setRestored] = useState(false);

  // The draft lives in sessionStorage: read it once mounted (the server has none).
  useEffect(() => {
    const saved = loadDraft();
    const key = saved?.submissionKey || crypto.randomUUID();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- restoring browser-only state after hydration
    if (prefill) setDraft({ submissionKey: crypto.randomUUID(), productKey: initialProductKey, ...prefill });
    else setDraft(saved && (!initialProductKey || saved.productKey === initialProductKey) ? { ...saved, submissionKey: key } : { submissionKey: key, productKey: initialProductKey });
    setRestored(true);
  }, [initialProductKey, prefill]);
  useEffect(() => {
    if (restored) saveDraft(draft);
  }, [draft, restored]);

  const product = draft.productKey && offered[draft.productKey] ? productByKey(draft.productKey) : undefined;
  const cartLength = draft.cart?.length ?? 0;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(16rem,22rem)_1fr]">
      <ProductPicker
        offered={offered}
        productKey={draft.productKey}
        cartLength={cartLength}
        // Fields that mean the same thing come along; the rest waits for a switch back.
        onPick={(p) => setDraft((d) => ({ ...d, ...switchProduct(d, p.key), license: p.sitelock?.kind === "addon" ? (d.license ?? null) : null }))}
      />
      <div className="space-y-6">
        {restored && cartLength > 0 ? <CartPanel cart={draft.cart!} onRemove={(i) => setDraft((d) => ({ ...d, cart: (d.cart ?? []).filter((_, n) => n !== i) }))} /> : null}
        {!restored ? null : product ? (
          <ProductOrder key={product.key} product={product} accounts={accounts} prices={prices} offered={offered} draft={draft} setDraft={setDraft} />
        ) : (
          <p className="rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-600">
            {cartLength > 0 ? "Choose the next product of this order (SiteLock products are ordered on their own)." : "Choose a product to see what it needs."}
          </p>
        )}
      </div>
    </div>
  );
}
