"use client";

import { useEffect, useMemo } from "react";
import { useForm, useWatch, type Path } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { chargesCustomer, FIELD_SPECS, GROUP_LABELS, formFieldsFor, orderSchemaFor, productById, termOptionsFor, type FieldKey, type FieldSpec, type OrderFormInput, type Product } from "@/lib/catalog";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { accountOptionLabel } from "@/lib/settings/account-label";
import { orderLines, PriceTable, siteLockPaymentNote, type PriceInfo } from "../order-price-panel";
import { CustomerPicker } from "./customer-picker";
import { customerFill } from "./customer-fill";
import { carried, defaultTerm } from "./form-defaults";
import { FormField } from "./form-field";
import { LicensePicker } from "./license-picker";
import { OrderQuestions } from "./order-questions";
import type { AccountOption, CustomerPick, Draft } from "./types";
import { useAutoRenewLock } from "./use-auto-renew-lock";
import { usePlaceOrder } from "./use-place-order";

/** Steps 2-4 for the chosen product: term, customer or license, its catalog fields, price; then place or add to the cart. */
export function ProductOrder(props: {
  product: Product;
  accounts: AccountOption[];
  prices: Record<string, PriceInfo>;
  offered: Record<string, string[]>;
  draft: Draft;
  setDraft: (f: (d: Draft) => Draft) => void;
}) {
  const { product, accounts, prices, offered, draft, setDraft } = props;
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
  const { register, handleSubmit, setValue, formState, control } = form;
  const watched = useWatch({ control });
  useEffect(() => {
    setDraft((d) => ({ ...d, values: watched as Record<string, unknown> }));
  }, [watched, setDraft]);

  const sectigoBills = chargesCustomer(product, { sectigoChargesCustomer: watched.sectigoChargesCustomer === true });
  useAutoRenewLock(product, form, sectigoBills);
  const { pending, send, formMessage, setFormMessage, questions, setQuestions } = usePlaceOrder({ product, form, draft, setDraft, accountId, isAddOn, resellerPays });

  const fill = (c: CustomerPick) => {
    for (const [k, v] of customerFill(c, (key) => fields.some((f) => f.key === key))) setValue(k as Path<OrderFormInput>, v, { shouldValidate: true });
  };

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
        <OrderQuestions questions={questions} pending={pending} onConfirm={handleSubmit((values) => send(values, questions.map((q) => q.key)))} onCancel={() => setQuestions(null)} />
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
