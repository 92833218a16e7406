/**
 * Ordering URLs ("The !PlaceOrder API for Resellers" §4-6, and the HTML form example of the
 * PlaceOrder document "SiteLock license"): for a catalog product, the PlaceOrder URL
 * and an HTML <form> a reseller puts on their own website. Pure and deterministic, so the page previews it
 * live in the browser and the tests check every product.
 *
 * What goes where:
 * - hidden (in the URL and as hidden inputs): `ap`, `reseller`, `successURL`, `errorURL`, the items
 *   (`1_PPP`, companions `2_PPP` + `2_visibility=0`, eToken and shipping as placeOrderItemsFor says) and
 *   whatever the reseller prefilled;
 * - visible (form only): every other field the product takes, for the END CUSTOMER to fill, including
 *   their own Sectigo account (`loginName`/`loginPassword`) where the product needs one (DECISION D25).
 * The reseller's API login and password are no input of this module, and a prefilled value may not go
 * into a password or account field: neither can ever appear in the output.
 */
import {
  FIELD_SPECS,
  SHIPPING,
  SHIPPING_METHODS,
  formFieldsFor,
  placeOrderItemsFor,
  productByKey,
  type CatalogItem,
  type FieldKey,
  type FieldSpec,
  type Product,
  type ShippingMethod,
} from "@/lib/catalog";
// The browser-safe module itself (not the client's index, which brings the HTTP transport).
import { encodeOrderingUrl, orderingItemCodeName, orderingParamName, orderingUrlAction, type OrderingUrlItem } from "@/lib/sectigo/client/operations/ordering-url";
import { orderingUrlSettingsSchema, type OrderingUrlSettingsInput } from "./settings-schema";

export interface OrderingField {
  key: FieldKey;
  /** The catalog's parameter name (`x_csr`); `name` is what the form posts. */
  param: string;
  /** The Sectigo parameter name (`1_csr` for a per-item field). */
  name: string;
  label: string;
  required: boolean;
  input: "text" | "email" | "password" | "tel" | "date" | "textarea" | "select";
  maxLength?: number;
  options?: readonly { value: string; label: string }[];
}

export interface OrderingUrl {
  /** The GET ordering URL: hidden parameters and prefilled values. */
  url: string;
  /** Hidden parameters, in order (also the URL's query). */
  hidden: [string, string][];
  /** What the customer fills in the form. */
  visible: OrderingField[];
  /** The HTML <form> snippet; every value and label escaped. */
  snippet: string;
}

export type OrderingUrlResult = { ok: true; value: OrderingUrl } | { ok: false; errors: Record<string, string> };

/**
 * SiteLock products are catalogued for AutoApplyOrder (appRep* names, add-on lists, previous orders);
 * through PlaceOrder "All SiteLock customers must supply domainName" (the PlaceOrder document "SiteLock license") besides the email that
 * makes a customer new. DECISION: their ordering form asks for exactly those two.
 */
const SITELOCK_PLACE_ORDER_FIELDS: readonly FieldKey[] = ["emailAddress", "domainName"];

/** Never a visible or prefilled field of an ordering form: an item (shipping), AutoApplyOrder-only fields, the DCV method (below). */
const NOT_A_FORM_FIELD: ReadonlySet<FieldKey> = new Set(["shipping", "addOns", "previousOrderNumber", "enableAutoRenew", "dcvMethod", "smartCardBased"]);

/** Products an ordering URL can be made for: orderable, with at least one PlaceOrder code. */
export function orderingUrlProducts(products: readonly Product[]): Product[] {
  return products.filter((p) => p.orderable && p.terms.some((t) => t.ppp !== undefined));
}

export function orderingTermOptions(product: Product): { value: string; label: string }[] {
  return product.terms.filter((t) => t.ppp !== undefined).map((t) => ({ value: String(t.ppp), label: `${t.label} (${t.ppp})` }));
}

/** The fields an end customer can fill (or the reseller prefill) for this product, with their wire names. */
export function orderingFieldsFor(product: Product): OrderingField[] {
  const specs: (FieldSpec & { required: boolean })[] =
    product.api === "AutoApplyOrder"
      ? SITELOCK_PLACE_ORDER_FIELDS.map((key) => ({ ...FIELD_SPECS[key], required: true }))
      : formFieldsFor(product, { channel: "orderingUrl" });
  return specs
    .filter((s) => !NOT_A_FORM_FIELD.has(s.key))
    .map((s): OrderingField => {
      // x_ fields belong to the product, item 1. Yes/no fields become a Y/N select: a plain
      // checkbox sends nothing when unticked, and PSD2's roles must always be sent.
      const name = orderingParamName(s.param);
      const input = s.input === "checkbox" ? "select" : s.input === "checkboxes" ? "text" : s.input;
      const options = s.input === "checkbox" ? [{ value: "N", label: "No" }, { value: "Y", label: "Yes" }] : s.options;
      return {
        key: s.key,
        param: s.param,
        name,
        label: s.key === "dcvEmailAddress" ? `${s.label} (or HTTPCSRHASH, HTTPSCSRHASH, CNAMECSRHASH)` : s.label,
        required: s.required,
        input,
        ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}),
        ...(options ? { options } : {}),
      };
    });
}

/** Can the reseller fix this field for the customer? Never a password, never an account login. */
export function prefillable(field: OrderingField): boolean {
  return field.input !== "password" && FIELD_SPECS[field.key].group !== "customer-account" && !FIELD_SPECS[field.key].secret;
}

export function generateOrderingUrl(apiBaseUrl: string, input: OrderingUrlSettingsInput): OrderingUrlResult {
  const parsed = orderingUrlSettingsSchema.safeParse(input);
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.join(".")] ??= issue.message;
    return { ok: false, errors };
  }
  const s = parsed.data;
  const product = productByKey(s.productKey);
  if (!product || orderingUrlProducts([product]).length === 0) return { ok: false, errors: { productKey: "Choose a product from the list." } };
  if (!orderingTermOptions(product).some((t) => t.value === s.term)) return { ok: false, errors: { term: "Choose one of the listed terms." } };
  const badBaseUrl = { ok: false as const, errors: { account: "The account's API base URL is not a valid URL: an admin corrects it under Settings." } };
  if (!orderingUrlAction(apiBaseUrl)) return badBaseUrl;

  const fields = orderingFieldsFor(product);
  const prefilled: [OrderingField, string][] = [];
  for (const [key, raw] of Object.entries(s.prefill)) {
    const value = raw.trim();
    if (value === "") continue;
    const field = fields.find((f) => f.key === key);
    const problem = !field
      ? "This product has no such field."
      : !prefillable(field)
        ? "Only the customer fills this in: it cannot be prefilled."
        : field.maxLength !== undefined && value.length > field.maxLength
          ? `At most ${field.maxLength} characters.`
          : field.options && !field.options.some((o) => o.value === value)
            ? "Choose one of the listed values."
            : undefined;
    if (problem) errors[`prefill.${key}`] = problem;
    else prefilled.push([field as OrderingField, value]);
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  // Items exactly as the staff order would have them: product, companions, eToken and shipping.
  const items: CatalogItem[] =
    product.api === "PlaceOrder"
      ? (placeOrderItemsFor(product, { term: s.term, smartCardBased: s.smartCard, shipping: "standard" }) ?? [])
      : [{ ppp: Number(s.term), role: "product" }];
  const smartCard = s.smartCard && product.rules?.includes("etoken-if-smartcard") === true;
  const encoded = encodeOrderingUrl(apiBaseUrl, {
    brand: s.brand,
    resellerPays: s.resellerPays,
    successUrl: s.successUrl,
    errorUrl: s.errorUrl,
    items: items.map(
      (item): OrderingUrlItem =>
        item.role === "shipping"
          ? { customerPicksPricingCode: true }
          : {
              pricingCode: item.ppp,
              ...(item.visibility !== undefined ? { visible: item.visibility !== 0 } : {}),
              ...(item.params ? { params: item.params } : {}),
              ...(item.role === "product" && smartCard ? { smartCardBased: true } : {}),
            },
    ),
    prefilled: prefilled.map(([field, value]) => [field.param, value] as const),
  });
  if (!encoded) return badBaseUrl;

  const visible: OrderingField[] = [];
  items.forEach((item, index) => {
    // The customer picks the shipping method: a select of the three shipping codes.
    if (item.role !== "shipping") return;
    visible.push({
      key: "shipping",
      param: FIELD_SPECS.shipping.param,
      name: orderingItemCodeName(index + 1),
      label: FIELD_SPECS.shipping.label,
      required: true,
      input: "select",
      options: SHIPPING_METHODS.map((m: ShippingMethod) => ({ value: String(SHIPPING[m].ppp), label: SHIPPING[m].label })),
    });
  });
  const fixed = new Set(prefilled.map(([f]) => f.key));
  for (const field of fields) if (!fixed.has(field.key)) visible.push(field);

  const { url, action, hidden } = encoded;
  return { ok: true, value: { url, hidden, visible, snippet: renderSnippet(action, product.name, hidden, visible) } };
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

function renderControl(f: OrderingField, id: string): string {
  const req = f.required ? " required" : "";
  const max = f.maxLength !== undefined ? ` maxlength="${f.maxLength}"` : "";
  const attrs = `id="${escapeHtml(id)}" name="${escapeHtml(f.name)}"${req}`;
  if (f.input === "textarea") return `<textarea ${attrs} rows="6" cols="64"></textarea>`;
  if (f.input === "select") {
    const blank = f.required ? "" : `<option value=""></option>`;
    const options = (f.options ?? []).map((o) => `<option value="${escapeHtml(o.value)}">${escapeHtml(o.label)}</option>`).join("");
    return `<select ${attrs}>${blank}${options}</select>`;
  }
  const auto = f.input === "password" ? ` autocomplete="new-password"` : "";
  return `<input type="${f.input}" ${attrs}${max}${auto}>`;
}

function renderSnippet(action: string, productName: string, hidden: [string, string][], visible: OrderingField[]): string {
  const lines = [
    `<form method="post" action="${escapeHtml(action)}" accept-charset="UTF-8" aria-label="${escapeHtml(`Order ${productName}`)}">`,
    ...hidden.map(([name, value]) => `  <input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`),
    ...visible.map((f) => {
      const id = `od-${f.name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
      return `  <p><label for="${escapeHtml(id)}">${escapeHtml(f.label)}${f.required ? " *" : ""}</label><br>${renderControl(f, id)}</p>`;
    }),
    `  <p><button type="submit">Place order</button></p>`,
    `</form>`,
  ];
  return `${lines.join("\n")}\n`;
}
