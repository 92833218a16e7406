/**
 * PlaceOrder Ordering URLs ("The !PlaceOrder API for Resellers" §4-6, and the HTML form example of the
 * PlaceOrder document "SiteLock license"): the wire side of a URL and a
 * form a reseller puts on their website, which the END CUSTOMER's browser posts to `!PlaceOrder`. Pure
 * and browser-safe (the ordering-URL page previews it live): no credentials go in, none can come out.
 * Callers pass domain values and catalog parameter names; the parameter names are built here only.
 */
import { PLACE_ORDER_ITEM_FIELDS, WIRE_FIELDS } from "../wire/fields";
import { yn } from "../wire/form";

const W = WIRE_FIELDS.placeOrder;
const I = PLACE_ORDER_ITEM_FIELDS;
const ENDPOINT = "!PlaceOrder";

export type OrderingUrlItem =
  /** An item the URL carries: its code, visibility and fixed parameters (`x_IP Addresses=5` as `{ "IP Addresses": "5" }`). */
  | { pricingCode: number; visible?: boolean; params?: Readonly<Record<string, string>>; smartCardBased?: boolean }
  /** An item whose code the customer picks in the form (eToken shipping): it keeps its number, nothing is hidden. */
  | { customerPicksPricingCode: true };

export interface OrderingUrlInput {
  /** `ap`. */
  brand: string;
  /** `reseller`: true = the reseller pays (Y). */
  resellerPays: boolean;
  successUrl: string;
  errorUrl: string;
  items: readonly OrderingUrlItem[];
  /** Values the reseller fixed, by catalog parameter name (`x_` = the product's, item 1). */
  prefilled?: ReadonlyArray<readonly [string, string]>;
}

export interface EncodedOrderingUrl {
  /** The GET ordering URL. */
  url: string;
  /** `!PlaceOrder` at the account's base URL: the form's action. */
  action: string;
  /** The parameters in order: the URL's query and the form's hidden inputs. */
  hidden: [string, string][];
}

/** `!PlaceOrder` at an API base URL; undefined when the base is not a URL. */
export function orderingUrlAction(apiBaseUrl: string): string | undefined {
  try {
    return new URL(ENDPOINT, apiBaseUrl.endsWith("/") ? apiBaseUrl : `${apiBaseUrl}/`).toString();
  } catch {
    return undefined;
  }
}

/** The form's name for a catalog parameter: an `x_` (per-item) one belongs to the product, item 1 (`x_csr` -> `1_csr`). */
export function orderingParamName(catalogParam: string): string {
  return catalogParam.startsWith("x_") ? itemParamName(1, catalogParam.slice(2)) : catalogParam;
}

/** The form's name for item `n`'s code (`2_PPP`), e.g. the shipping select the customer fills. */
export function orderingItemCodeName(itemNumber: number): string {
  return itemParamName(itemNumber, I.pricingCode);
}

function itemParamName(itemNumber: number, name: string): string {
  return `${itemNumber}_${name}`;
}

/** The ordering URL and its hidden parameters; undefined when the API base URL is not a URL. */
export function encodeOrderingUrl(apiBaseUrl: string, input: OrderingUrlInput): EncodedOrderingUrl | undefined {
  const action = orderingUrlAction(apiBaseUrl);
  if (!action) return undefined;
  const hidden: [string, string][] = [
    [W.brand, input.brand],
    [W.resellerPays, yn(input.resellerPays)],
    [W.successUrl, input.successUrl],
    [W.errorUrl, input.errorUrl],
  ];
  input.items.forEach((item, index) => {
    if ("customerPicksPricingCode" in item) return;
    const n = index + 1;
    hidden.push([itemParamName(n, I.pricingCode), String(item.pricingCode)]);
    // x_visibility as in placeOrder: true -> -1 (visible, Sectigo's default), false -> 0.
    if (item.visible !== undefined) hidden.push([itemParamName(n, I.visibility), item.visible ? "-1" : "0"]);
    for (const [name, value] of Object.entries(item.params ?? {})) hidden.push([itemParamName(n, name), value]);
    if (item.smartCardBased) hidden.push([itemParamName(n, I.smartCardBased), yn(true)]);
  });
  for (const [param, value] of input.prefilled ?? []) hidden.push([orderingParamName(param), value]);
  return { url: `${action}?${new URLSearchParams(hidden).toString()}`, action, hidden };
}
