"use client";

/**
 * The order form: product (grouped by family, with search), term, customer or license, the fields the
 * product needs (generated from the catalog), prices, then one submit. The product's zod schema
 * (lib/catalog/schema.ts) checks the form here and again on the server. What is typed is kept in
 * the tab's sessionStorage (never passwords) so a failed submit or a reload loses nothing; the
 * submission key travels with it, so a double click, a retry or a copied tab places one order.
 */
import { useEffect, useMemo, useRef, useState, useTransition, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch, type Path } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import {
  chargesCustomer,
  FIELD_SPECS,
  GROUP_LABELS,
  formFieldsFor,
  orderSchemaFor,
  orderableByFamily,
  productById,
  productByKey,
  searchProducts,
  termOptionsFor,
  type FieldKey,
  type FieldSpec,
  type OrderFormInput,
  type Product,
} from "@/lib/catalog";
import { placeOrderAction, searchCustomersAction, searchLicensesAction } from "@/app/(app)/orders/actions";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { switchProduct } from "@/lib/orders/form-carry-over";
import { confirmLabel, type Confirmation } from "@/lib/orders/server-confirmations";
import { accountOptionLabel } from "@/lib/settings/account-label";
import { orderLines, PriceTable, siteLockPaymentNote, type PriceInfo } from "./order-price-panel";

export type { PriceInfo } from "./order-price-panel";

export interface AccountOption {
  id: string;
  label: string;
  mode: "SANDBOX" | "LIVE";
  isDefault: boolean;
  /** What a new SiteLock license's "renew automatically" box starts as. */
  autoRenewDefault: boolean;
}

type CustomerPick = {
  id: string;
  name: string;
  email: string;
  foreName?: string | null;
  surName?: string | null;
  telephone?: string | null;
  country?: string | null;
  orders?: Array<{ orderNumber: string | null }>;
};
type LicensePick = { id: string; domainName: string; productName: string; currentOrderNumber: string | null; customer: { id: string; name: string; email: string }; addOns: Array<{ productCode: number; productName: string }> };

interface Draft {
  productKey?: string;
  submissionKey: string;
  accountId?: string;
  customer?: CustomerPick | null;
  license?: LicensePick | null;
  resellerPays?: boolean;
  values?: Record<string, unknown>;
  /** Each product's values as the user left it: switching back restores them (lib/orders/form-carry-over.ts). */
  byProduct?: Record<string, Record<string, unknown>>;
  /** Products already added to this order (a cart: PlaceOrder products only). */
  cart?: CartItem[];
  /** Order-level values (customer, company) carried to the next product of the cart. */
  carry?: Record<string, unknown>;
}

interface CartItem {
  productKey: string;
  values: Record<string, unknown>;
}

const DRAFT_KEY = "orderdesk.new-order.v1";

function loadDraft(): Draft | null {
  try {
    const text = sessionStorage.getItem(DRAFT_KEY);
    return text ? (JSON.parse(text) as Draft) : null;
  } catch {
    return null;
  }
}

function saveDraft(draft: Draft): void {
  try {
    const noSecrets = (v: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(v ?? {}).filter(([k]) => !FIELD_SPECS[k as FieldKey]?.secret));
    const cart = (draft.cart ?? []).map((c) => ({ ...c, values: noSecrets(c.values) }));
    const byProduct = Object.fromEntries(Object.entries(draft.byProduct ?? {}).map(([k, v]) => [k, noSecrets(v)]));
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ ...draft, values: noSecrets(draft.values), carry: noSecrets(draft.carry), cart, byProduct }));
  } catch {
    /* private mode or full storage: the form still works, only without the safety net */
  }
}

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
  const [query, setQuery] = useState("");

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
  const groups = useMemo(() => {
    const found = query.trim() ? new Set(searchProducts(query).map((p) => p.key)) : undefined;
    return orderableByFamily()
      .map((g) => ({ ...g, products: g.products.filter((p) => offered[p.key] && (!found || found.has(p.key))) }))
      .filter((g) => g.products.length > 0);
  }, [query, offered]);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(16rem,22rem)_1fr]">
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
                <label key={p.key} className={`mt-1 flex cursor-pointer items-start gap-2 rounded px-2 py-1 text-sm ${p.key === draft.productKey ? "bg-brand-50 ring-1 ring-brand-600" : "hover:bg-slate-50"}`}>
                  <input
                    type="radio"
                    name="product"
                    value={p.key}
                    className="mt-1"
                    disabled={(draft.cart?.length ?? 0) > 0 && p.api !== "PlaceOrder"}
                    checked={p.key === draft.productKey}
                    // Fields that mean the same thing come along; the rest waits for a switch back.
                    onChange={() => setDraft((d) => ({ ...d, ...switchProduct(d, p.key), license: p.sitelock?.kind === "addon" ? (d.license ?? null) : null }))}
                  />
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
      <div className="space-y-6">
        {restored && (draft.cart?.length ?? 0) > 0 ? (
          <CartPanel cart={draft.cart!} onRemove={(i) => setDraft((d) => ({ ...d, cart: (d.cart ?? []).filter((_, n) => n !== i) }))} />
        ) : null}
        {!restored ? null : product ? (
          <ProductOrder key={product.key} product={product} accounts={accounts} prices={prices} offered={offered} draft={draft} setDraft={setDraft} />
        ) : (
          <p className="rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-600">
            {(draft.cart?.length ?? 0) > 0 ? "Choose the next product of this order (SiteLock products are ordered on their own)." : "Choose a product to see what it needs."}
          </p>
        )}
      </div>
    </div>
  );
}

function ProductOrder(props: {
  product: Product;
  accounts: AccountOption[];
  prices: Record<string, PriceInfo>;
  offered: Record<string, string[]>;
  draft: Draft;
  setDraft: (f: (d: Draft) => Draft) => void;
}) {
  const { product, accounts, prices, offered, draft, setDraft } = props;
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [formMessage, setFormMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  /** The server's questions about this order (no sell price, a near-duplicate), answered by one button. */
  const [questions, setQuestions] = useState<Confirmation[] | null>(null);
  const schema = useMemo(() => orderSchemaFor(product), [product]);
  // Only what an ADMIN has not disabled: terms, and add-ons with at least one term on offer.
  const fields = useMemo(
    () => formFieldsFor(product).map((f) => (f.key === "addOns" ? { ...f, options: (f.options ?? []).filter((o) => offered[productById(Number(o.value))?.key ?? ""]) } : f)),
    [product, offered],
  );
  const terms = termOptionsFor(product).filter((t) => offered[product.key]?.includes(t.value));
  const isAddOn = product.sitelock?.kind === "addon";
  const accountId = draft.accountId ?? accounts.find((a) => a.isDefault)?.id ?? accounts[0]?.id ?? "";
  const resellerPays = draft.resellerPays ?? true;

  const form = useForm<OrderFormInput>({
    resolver: zodResolver(schema) as never,
    // What the user typed (kept, or carried from the product they switched from) over the defaults.
    defaultValues: {
      term: defaultTerm(product, terms),
      ...(product.fields.enableAutoRenew ? { enableAutoRenew: accounts.find((a) => a.id === accountId)?.autoRenewDefault ?? false } : {}),
      ...carried(draft.carry, fields),
      ...(draft.values ?? {}),
    } as OrderFormInput,
    mode: "onTouched",
  });
  const { register, handleSubmit, setError, setValue, formState, control } = form;
  const watched = useWatch({ control });
  useEffect(() => {
    setDraft((d) => ({ ...d, values: watched as Record<string, unknown> }));
  }, [watched, setDraft]);

  // "Sectigo charges the customer" (reseller=N) cannot renew from our funds (the schema refuses it on the
  // server too): ticking it unticks and locks "Renew automatically"; unticking it gives back what was there.
  const sectigoBills = chargesCustomer(product, { sectigoChargesCustomer: watched.sectigoChargesCustomer === true });
  const autoRenewBefore = useRef<boolean | null>(null);
  useEffect(() => {
    if (!product.fields.enableAutoRenew) return;
    const name = "enableAutoRenew" as Path<OrderFormInput>;
    if (sectigoBills) {
      if (autoRenewBefore.current === null) autoRenewBefore.current = form.getValues(name) === true;
      if (form.getValues(name) !== false) setValue(name, false as never, { shouldValidate: true });
    } else if (autoRenewBefore.current !== null) {
      setValue(name, autoRenewBefore.current as never, { shouldValidate: true });
      autoRenewBefore.current = null;
    }
  }, [sectigoBills, product, form, setValue]);

  const fill = (c: CustomerPick) => {
    const set = (k: FieldKey, v: string | null | undefined) => {
      if (v && fields.some((f) => f.key === k)) setValue(k as Path<OrderFormInput>, v, { shouldValidate: true });
    };
    set("emailAddress", c.email);
    set("appRepEmailAddress", c.email);
    set("forename", c.foreName);
    set("surname", c.surName);
    set("appRepForename", c.foreName);
    set("appRepSurname", c.surName);
    set("telephoneNumber", c.telephone);
    set("countryName", c.country);
    // SiteLock for an existing customer: a new domain on their SiteLock account, named by one of their orders.
    set("previousOrderNumber", c.orders?.[0]?.orderNumber);
  };

  const send = (values: OrderFormInput, confirmed: string[]) =>
    startTransition(async () => {
      setFormMessage(null);
      setQuestions(null);
      const result = await placeOrderAction({
        submissionKey: draft.submissionKey,
        resellerAccountId: accountId,
        productKey: product.key,
        customerId: isAddOn ? null : (draft.customer?.id ?? null),
        licenseId: isAddOn ? (draft.license?.id ?? null) : null,
        resellerPays,
        values: values as Record<string, unknown>,
        cart: product.api === "PlaceOrder" ? (draft.cart ?? []) : [],
        confirmed,
      });
      if (!result.ok) {
        let placed = false;
        for (const [key, messages] of Object.entries(result.error.fieldErrors ?? {})) {
          if (key.startsWith("values.") && messages[0]) {
            setError(key.slice(7) as Path<OrderFormInput>, { type: "server", message: messages[0] });
            placed = true;
          }
        }
        const other = Object.entries(result.error.fieldErrors ?? {}).find(([k]) => !k.startsWith("values."));
        setFormMessage({ tone: "error", text: other?.[1][0] ?? (placed ? "Some fields need attention." : result.error.message) });
        return;
      }
      const data = result.data;
      if (data.outcome === "NEEDS_CONFIRMATION") {
        // Nothing was written or sent: the same submission goes again once the person says yes.
        setQuestions(data.confirmations);
        return;
      }
      if (data.outcome === "FAILED") {
        for (const [key, messages] of Object.entries(data.fieldErrors)) {
          if (messages[0]) setError(key.replace(/^values\./, "") as Path<OrderFormInput>, { type: "server", message: messages[0] });
        }
        setFormMessage({ tone: "error", text: `Sectigo refused the order (our reference ${data.order.foreignOrderNumber}): ${data.message} Nothing was bought. Correct it and place the order again.` });
        // That submission is settled as failed: the next attempt is a new submission.
        setDraft((d) => ({ ...d, submissionKey: crypto.randomUUID(), values: form.getValues() as Record<string, unknown> }));
        return;
      }
      sessionStorage.removeItem(DRAFT_KEY);
      router.push(`/orders/${data.order.id}`);
    });
  const onSubmit = handleSubmit(
    (values) => send(values, []),
    (invalid) => {
      const names = Object.keys(invalid).map((k) => (k === "term" ? "Term" : (FIELD_SPECS[k as FieldKey]?.label ?? k)));
      setFormMessage({ tone: "error", text: `Nothing was sent. Please check: ${names.join(", ")}.` });
    },
  );

  // A cart item is a product whose form is valid: checked here by the same schema, then kept.
  const addToOrder = handleSubmit(
    (values) => {
      setFormMessage(null);
      const carry = Object.fromEntries(Object.entries(values).filter(([k]) => k !== "term" && !FIELD_SPECS[k as FieldKey]?.param.startsWith("x_") && !FIELD_SPECS[k as FieldKey]?.secret));
      setDraft((d) => ({ ...d, cart: [...(d.cart ?? []), { productKey: product.key, values: values as Record<string, unknown> }], productKey: undefined, values: undefined, byProduct: undefined, carry }));
    },
    (invalid) => setFormMessage({ tone: "error", text: `Complete this product first: ${Object.keys(invalid).map((k) => FIELD_SPECS[k as FieldKey]?.label ?? k).join(", ")}.` }),
  );

  const grouped = useMemo(() => {
    const out = new Map<string, Array<FieldSpec & { required: boolean }>>();
    for (const f of fields) {
      const list = out.get(f.group) ?? [];
      list.push(f);
      out.set(f.group, list);
    }
    return [...out.entries()];
  }, [fields]);

  const term = watched.term ?? defaultTerm(product, terms);
  const chosenAddOns = (Array.isArray(watched.addOns) ? watched.addOns : []).map((code) => productById(Number(code))).filter((p): p is Product => Boolean(p));
  const lines = orderLines(product.api === "PlaceOrder" ? (draft.cart ?? []) : [], { product, term, addOns: chosenAddOns, sectigoChargesCustomer: watched.sectigoChargesCustomer, resellerPays }, prices);
  const errors = formState.errors as Record<string, { message?: string } | undefined>;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-label={`Order ${product.name}`}>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="mb-3 text-sm font-semibold text-slate-800">2. {product.name}</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          {accounts.length > 1 ? (
            <Field id="account" label="Reseller account">
              <select id="account" className={inputClass} value={accountId} onChange={(e) => setDraft((d) => ({ ...d, accountId: e.target.value }))}>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {accountOptionLabel(a)}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          <Field id="term" label="Term" error={errors.term?.message}>
            <select id="term" className={inputClass} {...register("term")}>
              {terms.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="mb-3 text-sm font-semibold text-slate-800">3. {isAddOn ? "License" : "Customer"}</h2>
        {isAddOn ? (
          <LicensePicker
            accountId={accountId}
            chosen={draft.license ?? null}
            onPick={(l) => {
              setDraft((d) => ({ ...d, license: l }));
              if (l) {
                setValue("domainName" as Path<OrderFormInput>, l.domainName, { shouldValidate: true });
                setValue("appRepEmailAddress" as Path<OrderFormInput>, l.customer.email, { shouldValidate: true });
              }
            }}
          />
        ) : (
          <CustomerPicker
            accountId={accountId}
            chosen={draft.customer ?? null}
            onPick={(c) => {
              setDraft((d) => ({ ...d, customer: c }));
              if (c) fill(c);
            }}
          />
        )}
      </section>

      {grouped.map(([group, list]) => (
        <section key={group} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="mb-3 text-sm font-semibold text-slate-800">{GROUP_LABELS[group as keyof typeof GROUP_LABELS]}</h2>
          <div className="grid gap-4 sm:grid-cols-2">
            {list.map((f) => (
              <FormField
                key={f.key}
                spec={f}
                register={register}
                error={errors[f.key]?.message}
                disabledReason={f.key === "enableAutoRenew" && sectigoBills ? "Off: Sectigo charges the customer (reseller=N), so the license does not renew from our funds. Untick that to choose." : undefined}
              />
            ))}
          </div>
        </section>
      ))}

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="Price">
        <h2 className="mb-3 text-sm font-semibold text-slate-800">4. Price and payment</h2>
        <PriceTable lines={lines} />
        {product.api === "PlaceOrder" ? (
          <label className="mt-3 flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-1" checked={resellerPays} onChange={(e) => setDraft((d) => ({ ...d, resellerPays: e.target.checked }))} />
            <span>
              We collect the customer&apos;s payment (reseller=Y): the order waits in the authorization queue until we authorize it, and Sectigo debits our funds then. Untick to have Sectigo charge the customer.
            </span>
          </label>
        ) : (
          <p className="mt-3 text-sm text-slate-600">{siteLockPaymentNote(product, watched.sectigoChargesCustomer)}</p>
        )}
      </section>

      {questions ? (
        <div role="alertdialog" aria-label="Confirm the order" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {questions.map((q) => (
            <p key={q.key}>{q.message}</p>
          ))}
          <div className="flex gap-3">
            <Button type="button" disabled={pending} onClick={handleSubmit((values) => send(values, questions.map((q) => q.key)))}>
              {confirmLabel(questions)}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setQuestions(null)}>
              Don&apos;t place it
            </Button>
          </div>
        </div>
      ) : null}
      {formMessage ? (
        <p role="alert" className={`rounded-md p-3 text-sm ${formMessage.tone === "error" ? "bg-red-50 text-red-800" : "bg-slate-50 text-slate-800"}`}>
          {formMessage.text}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending || !accountId || (product.api !== "PlaceOrder" && (draft.cart?.length ?? 0) > 0)}>
          {pending ? "Placing the order…" : (draft.cart?.length ?? 0) > 0 ? `Place order (${(draft.cart?.length ?? 0) + 1} products)` : "Place order"}
        </Button>
        {product.api === "PlaceOrder" ? (
          <Button type="button" variant="secondary" disabled={pending} onClick={addToOrder}>
            Add to this order, then choose another product
          </Button>
        ) : null}
        <span className="text-xs text-slate-600">Sent once: pressing again or reloading never orders twice.</span>
      </div>
    </form>
  );
}

/** One year when the product offers it (what most orders are), else its first offered term. */
function defaultTerm(product: Product, offeredTerms: Array<{ value: string }>): string {
  const all = termOptionsFor(product);
  const yearly = all[product.terms.findIndex((t) => t.days === 365)]?.value;
  return offeredTerms.find((t) => t.value === yearly)?.value ?? offeredTerms[0]?.value ?? "";
}

/** Order-level values carried from the cart's previous product, for the fields this product has. */
function carried(carry: Record<string, unknown> | undefined, fields: Array<{ key: FieldKey }>): Record<string, unknown> {
  if (!carry) return {};
  return Object.fromEntries(Object.entries(carry).filter(([k]) => fields.some((f) => f.key === k)));
}

function CartPanel({ cart, onRemove }: { cart: CartItem[]; onRemove: (index: number) => void }) {
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

function FormField({
  spec,
  register,
  error,
  disabledReason,
}: {
  spec: FieldSpec & { required: boolean };
  register: ReturnType<typeof useForm<OrderFormInput>>["register"];
  error?: string;
  /** Why the field is locked by another choice (shown in place of its help); the field is disabled. */
  disabledReason?: string;
}) {
  const id = `f-${spec.key}`;
  const label = `${spec.label}${spec.required ? "" : " (optional)"}`;
  const name = spec.key as Path<OrderFormInput>;
  switch (spec.input) {
    case "checkbox":
      return (
        <div className="sm:col-span-2">
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input id={id} type="checkbox" className="mt-1" {...register(name)} disabled={Boolean(disabledReason)} aria-describedby={disabledReason ? `${id}-reason` : undefined} />
            <span>
              {spec.label}
              {spec.help && !disabledReason ? <span className="block text-xs text-slate-600">{spec.help}</span> : null}
            </span>
          </label>
          {/* Outside the label: the reason describes the locked box without becoming its name. */}
          {disabledReason ? (
            <p id={`${id}-reason`} className="ml-6 text-xs text-slate-600">
              {disabledReason}
            </p>
          ) : null}
          {error ? <p className="text-sm text-red-700">{error}</p> : null}
        </div>
      );
    case "checkboxes":
      return (
        <fieldset className="sm:col-span-2" aria-describedby={error ? `${id}-error` : undefined}>
          <legend className="text-sm font-medium text-slate-700">{label}</legend>
          {spec.help ? <p className="text-xs text-slate-600">{spec.help}</p> : null}
          {(spec.options ?? []).map((o) => (
            <label key={o.value} className="mt-1 flex items-center gap-2 text-sm">
              <input type="checkbox" value={o.value} {...register(name)} />
              {o.label}
            </label>
          ))}
          {error ? (
            <p id={`${id}-error`} className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
        </fieldset>
      );
    case "select":
      return (
        <Field id={id} label={label} error={error} hint={spec.help}>
          <select id={id} className={inputClass} {...register(name)}>
            <option value="">{spec.required ? "Choose…" : "—"}</option>
            {(spec.options ?? []).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      );
    case "textarea":
      return (
        <div className="sm:col-span-2">
          <Field id={id} label={label} error={error} hint={spec.help}>
            <textarea id={id} rows={6} spellCheck={false} className={`${inputClass} font-mono text-xs`} {...register(name)} />
          </Field>
        </div>
      );
    default:
      return (
        <Field id={id} label={label} error={error} hint={spec.help}>
          <input id={id} type={spec.input} autoComplete={spec.secret ? "new-password" : "off"} maxLength={spec.maxLength} className={inputClass} {...register(name)} />
        </Field>
      );
  }
}

function useSearch<T>(search: (q: string) => Promise<{ ok: true; data: T[] } | { ok: false; error: { message: string } }>) {
  const [q, setQ] = useState("");
  const [results, setResults] = useState<T[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (q.trim().length < 2) return;
    let current = true;
    const timer = setTimeout(async () => {
      const result = await search(q);
      if (!current) return;
      if (result.ok) {
        setResults(result.data);
        setMessage(result.data.length === 0 ? "Nothing found." : null);
      } else setMessage(result.error.message);
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q, search]);
  return { q, setQ, results: q.trim().length < 2 ? [] : results, message: q.trim().length < 2 ? null : message };
}

function CustomerPicker({ accountId, chosen, onPick }: { accountId: string; chosen: CustomerPick | null; onPick: (c: CustomerPick | null) => void }) {
  const search = useMemo(() => (q: string) => searchCustomersAction({ resellerAccountId: accountId, q }), [accountId]);
  return (
    <SearchPicker
      id="customer-search"
      intro="A new customer: fill in their details below. Or pick one we already have:"
      label="Find an existing customer"
      placeholder="Existing customer: type an e-mail or a name"
      search={search}
      chosen={chosen}
      onPick={onPick}
      describeChosen={(c) => (
        <>
          Existing customer: <span className="font-medium">{c.name}</span> <span className="text-slate-600">{c.email}</span>
          {c.orders?.[0]?.orderNumber ? (
            <span className="block text-xs text-slate-600">For SiteLock: a new domain on their account, with their order {c.orders[0].orderNumber} as the previous order number.</span>
          ) : null}
        </>
      )}
      describeResult={(c) => (
        <>
          {c.name} <span className="text-slate-600">{c.email}</span>
        </>
      )}
    />
  );
}

function LicensePicker({ accountId, chosen, onPick }: { accountId: string; chosen: LicensePick | null; onPick: (l: LicensePick | null) => void }) {
  const search = useMemo(() => (q: string) => searchLicensesAction({ resellerAccountId: accountId, q }), [accountId]);
  return (
    <SearchPicker
      id="license-search"
      label="The SiteLock license this add-on is for: type its domain"
      placeholder="example.com"
      search={search}
      chosen={chosen}
      onPick={onPick}
      describeChosen={(l) => (
        <>
          For <span className="font-medium">{l.domainName}</span> ({l.productName}, order {l.currentOrderNumber ?? "?"}) of {l.customer.name}
          {l.addOns.length ? <span className="block text-slate-600">Has: {l.addOns.map((a) => a.productName).join(", ")}</span> : null}
        </>
      )}
      describeResult={(l) => (
        <>
          {l.domainName} <span className="text-slate-600">· {l.productName} · {l.customer.name}</span>
        </>
      )}
    />
  );
}

/** Search as you type, pick one result; once picked, what was picked with a way to change it. */
function SearchPicker<T extends { id: string }>(props: {
  id: string;
  /** Shown above the box; the label is then for screen readers only. */
  intro?: string;
  label: string;
  placeholder: string;
  search: (q: string) => Promise<{ ok: true; data: T[] } | { ok: false; error: { message: string } }>;
  chosen: T | null;
  onPick: (item: T | null) => void;
  describeChosen: (item: T) => ReactNode;
  describeResult: (item: T) => ReactNode;
}) {
  const { q, setQ, results, message } = useSearch<T>(props.search);
  if (props.chosen) {
    return (
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span>{props.describeChosen(props.chosen)}</span>
        <Button type="button" variant="secondary" onClick={() => props.onPick(null)}>
          Change
        </Button>
      </div>
    );
  }
  return (
    <div className="space-y-2 text-sm">
      {props.intro ? <p className="text-slate-700">{props.intro}</p> : null}
      <label htmlFor={props.id} className={props.intro ? "sr-only" : "block text-slate-700"}>
        {props.label}
      </label>
      <input id={props.id} className={inputClass} placeholder={props.placeholder} value={q} onChange={(e) => setQ(e.target.value)} />
      {message ? <p className="text-slate-600">{message}</p> : null}
      <ul role="list" aria-label="Matches" hidden={results.length === 0} className="divide-y divide-slate-100">
        {results.map((item) => (
          <li key={item.id}>
            <button type="button" className="w-full px-2 py-1 text-left hover:bg-slate-50" onClick={() => props.onPick(item)}>
              {props.describeResult(item)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
