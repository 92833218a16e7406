"use client";

/**
 * Ordering URL generator: the reseller picks a product, a term, who charges the customer and where
 * the browser goes afterwards; the URL, the HTML form and a live preview follow every keystroke. The
 * generator (lib/ordering-urls/generate.ts) validates with the shared zod schema and escapes everything;
 * the preview is the snippet in a sandboxed iframe (no scripts, no form submission, no navigation).
 */
import { useMemo, useState } from "react";
import { FAMILIES, PRODUCTS, productByKey } from "@/lib/catalog";
import { generateOrderingUrl, orderingFieldsFor, orderingTermOptions, orderingUrlProducts, prefillable } from "@/lib/ordering-urls/generate";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { accountOptionLabel } from "@/lib/settings/account-label";

export interface OrderingUrlAccountOption {
  id: string;
  label: string;
  brand: string;
  apiBaseUrl: string;
  mode: "SANDBOX" | "LIVE";
}

const PRODUCTS_FOR_URLS = orderingUrlProducts(PRODUCTS);
const GROUPS = FAMILIES.map((family) => ({ family, products: PRODUCTS_FOR_URLS.filter((p) => p.family === family.key) })).filter((g) => g.products.length > 0);

export function OrderingUrlGenerator({ accounts }: { accounts: OrderingUrlAccountOption[] }) {
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? "");
  const account = accounts.find((a) => a.id === accountId) ?? accounts[0];
  const [productKey, setProductKey] = useState(GROUPS[0]?.products[0]?.key ?? "");
  const product = productByKey(productKey);
  const terms = useMemo(() => (product ? orderingTermOptions(product) : []), [product]);
  const [term, setTerm] = useState(terms[0]?.value ?? "");
  const [resellerPays, setResellerPays] = useState(true);
  const [smartCard, setSmartCard] = useState(false);
  const [successUrl, setSuccessUrl] = useState("");
  const [errorUrl, setErrorUrl] = useState("");
  const [prefill, setPrefill] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [copied, setCopied] = useState<string | null>(null);

  const fields = useMemo(() => (product ? orderingFieldsFor(product).filter(prefillable) : []), [product]);
  const currentTerm = terms.some((t) => t.value === term) ? term : (terms[0]?.value ?? "");
  const result = generateOrderingUrl(account?.apiBaseUrl ?? "", {
    productKey,
    term: currentTerm,
    brand: account?.brand ?? "",
    resellerPays,
    smartCard,
    successUrl,
    errorUrl,
    prefill: Object.fromEntries(Object.entries(prefill).filter(([key]) => fields.some((f) => f.key === key))),
  });
  const errors = result.ok ? {} : result.errors;
  const shown = (key: string) => (touched.has(key) ? errors[key] : undefined);
  const touch = (key: string) => setTouched((t) => new Set(t).add(key));

  async function copy(what: "URL" | "HTML", text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`${what} copied.`);
    } catch {
      setCopied(`The browser did not allow copying: select the ${what} and copy it by hand.`);
    }
  }

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form aria-label="Ordering URL settings" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" onSubmit={(e) => e.preventDefault()}>
        {accounts.length > 1 ? (
          <Field id="ou-account" label="Reseller account">
            <select id="ou-account" className={inputClass} value={account?.id} onChange={(e) => setAccountId(e.target.value)}>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {accountOptionLabel(a)}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field id="ou-brand" label="Brand (ap)" error={errors.brand} hint={`From the account ${account?.label ?? ""}; sent to ${account?.apiBaseUrl ?? ""}`}>
          <input id="ou-brand" className={inputClass} value={account?.brand ?? ""} readOnly />
        </Field>
        {errors.account ? <p className="text-sm text-red-700">{errors.account}</p> : null}
        <Field id="ou-product" label="Product" error={errors.productKey}>
          <select
            id="ou-product"
            className={inputClass}
            value={productKey}
            onChange={(e) => {
              setProductKey(e.target.value);
              setPrefill({});
              setSmartCard(false);
            }}
          >
            {GROUPS.map((g) => (
              <optgroup key={g.family.key} label={g.family.name}>
                {g.products.map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field id="ou-term" label="Term" error={errors.term}>
          <select id="ou-term" className={inputClass} value={currentTerm} onChange={(e) => setTerm(e.target.value)}>
            {terms.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-700">Who charges the customer</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="ou-reseller" checked={resellerPays} onChange={() => setResellerPays(true)} /> You do (reseller=Y): Sectigo debits your account
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="ou-reseller" checked={!resellerPays} onChange={() => setResellerPays(false)} /> Sectigo does (reseller=N)
          </label>
        </fieldset>
        {product?.rules?.includes("etoken-if-smartcard") ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={smartCard} onChange={(e) => setSmartCard(e.target.checked)} /> Deliver on an eToken (adds the eToken and a shipping choice)
          </label>
        ) : null}
        <Field id="ou-success" label="Success URL" error={shown("successUrl")} hint="Where the browser goes when the order is placed.">
          <input id="ou-success" className={inputClass} type="url" value={successUrl} onChange={(e) => setSuccessUrl(e.target.value)} onBlur={() => touch("successUrl")} placeholder="https://www.example.com/thank-you.html" />
        </Field>
        <Field id="ou-error" label="Error URL" error={shown("errorUrl")} hint="Where the browser goes when Sectigo refuses the order.">
          <input id="ou-error" className={inputClass} type="url" value={errorUrl} onChange={(e) => setErrorUrl(e.target.value)} onBlur={() => touch("errorUrl")} placeholder="https://www.example.com/order-error.html" />
        </Field>
        {fields.length > 0 ? (
          <details className="rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-slate-700">Prefill fields (optional: hidden from the customer)</summary>
            <div className="mt-3 space-y-3">
              {fields.map((f) => {
                const id = `ou-prefill-${f.key}`;
                const value = prefill[f.key] ?? "";
                const set = (v: string) => setPrefill((p) => ({ ...p, [f.key]: v }));
                return (
                  <Field key={f.key} id={id} label={f.label} error={errors[`prefill.${f.key}`]}>
                    {f.options ? (
                      <select id={id} className={inputClass} value={value} onChange={(e) => set(e.target.value)}>
                        <option value="">(the customer chooses)</option>
                        {f.options.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input id={id} className={inputClass} value={value} maxLength={f.maxLength} onChange={(e) => set(e.target.value)} />
                    )}
                  </Field>
                );
              })}
            </div>
          </details>
        ) : null}
      </form>

      <section aria-label="Generated ordering URL" className="space-y-4">
        {result.ok ? (
          <>
            <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex items-center justify-between">
                <h2 className="text-sm font-semibold text-slate-800">Ordering URL</h2>
                <Button type="button" variant="secondary" onClick={() => copy("URL", result.value.url)}>
                  Copy URL
                </Button>
              </div>
              <code data-testid="ordering-url" className="block break-all rounded bg-slate-50 p-2 text-xs text-slate-800">
                {result.value.url}
              </code>
            </div>
            <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex items-center justify-between">
                <h2 className="text-sm font-semibold text-slate-800">HTML form</h2>
                <Button type="button" variant="secondary" onClick={() => copy("HTML", result.value.snippet)}>
                  Copy HTML
                </Button>
              </div>
              <pre data-testid="ordering-snippet" className="max-h-72 overflow-auto rounded bg-slate-50 p-2 text-xs text-slate-800">
                <code>{result.value.snippet}</code>
              </pre>
            </div>
            <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <h2 className="text-sm font-semibold text-slate-800">Preview</h2>
              <p className="text-xs text-slate-600">How the form looks on a page; it cannot be submitted from here.</p>
              {/* sandbox="" : no scripts, no form submission, no navigation, no same-origin access. */}
              <iframe title="Ordering form preview" sandbox="" srcDoc={result.value.snippet} className="h-96 w-full rounded border border-slate-200 bg-white" />
            </div>
          </>
        ) : (
          <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">Fill in the settings to see the URL, the HTML form and its preview.</p>
        )}
        <p role="status" className="text-sm text-slate-700">
          {copied}
        </p>
      </section>
    </div>
  );
}
