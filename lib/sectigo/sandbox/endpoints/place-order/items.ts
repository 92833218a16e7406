/**
 * PlaceOrder items: `x_PPP` (product pricing parameter) or `x_ID` (product ID) per item number,
 * starting at 1 (-39 when item 1 is absent). Decisions:
 * - Only the SiteLock rows of the PPP table are sold by the sandbox; any other PPP/ID -> -65
 *   "PlanID for this product not found." (also used for an x_ID/x_days pair without a price).
 * - `x_days` must match the PPP's term when both are sent (-4); with `x_ID` it selects the term
 *   (default 365; SiteLock 911 takes none).
 * - `x_quantity` must be 1 for SiteLock items (a licence is per site) -> otherwise -83.
 * - Fields documented for other products (x_MACAddress, x_csr, ...) -> -83 on a SiteLock item.
 * - With no numbered items, the top-level `product` list (product IDs or PPPs) is used (Ordering URLs).
 */
import { PPP, priceOf, productOf } from "../../core/catalog";
import { err } from "../../core/errors";
import { isDomainName, type ParamBag } from "../../core/params";
import { FOREIGN_ITEM_FIELDS, splitItemParam } from "./params";

export interface PlacedItem {
  n: number;
  code: number;
  days: number;
  price: number;
  visibility: number;
  domainName: string | undefined;
}

function intValue(bag: ParamBag, name: string): number | undefined {
  const value = bag.get(name);
  if (value === undefined) return undefined;
  if (!/^-?\d{1,9}$/.test(value.trim())) throw err.invalid(name);
  return Number(value.trim());
}

function resolve(n: number, ppp: number | undefined, id: number | undefined, days: number | undefined): { code: number; days: number } {
  if (ppp !== undefined && id !== undefined) throw err.invalid(`${n}_ID`);
  if (ppp !== undefined) {
    const row = PPP.get(ppp);
    if (!row) throw err.planNotFound(`${n}_PPP`);
    if (days !== undefined && days !== row.days) throw err.invalid(`${n}_days`);
    return row;
  }
  const product = id === undefined ? undefined : productOf(id);
  if (id === undefined || !product || product.kind === "ssl" || product.kind === "bundle") throw err.planNotFound(`${n}_ID`);
  if (product.kind === "service") {
    if (days !== undefined) throw err.planNotFound(`${n}_days`);
    return { code: id, days: 0 };
  }
  return { code: id, days: days ?? 365 };
}

export function parseItems(bag: ParamBag): PlacedItem[] {
  const numbers = new Set<number>();
  for (const name of bag.names()) {
    const split = splitItemParam(name);
    if (split && bag.has(name)) numbers.add(split.n);
  }
  if (numbers.size === 0) return itemsFromProductList(bag);
  if (!numbers.has(1)) throw err.noItem();
  const items: PlacedItem[] = [];
  for (const n of [...numbers].sort((a, b) => a - b)) {
    for (const field of FOREIGN_ITEM_FIELDS) if (bag.has(`${n}_${field}`)) throw err.notApplicable(`${n}_${field}`);
    const ppp = intValue(bag, `${n}_PPP`);
    const id = intValue(bag, `${n}_ID`);
    if (ppp === undefined && id === undefined) throw err.noItem();
    const { code, days } = resolve(n, ppp, id, intValue(bag, `${n}_days`));
    const price = priceOf(code, days);
    if (price === undefined) throw err.planNotFound(`${n}_days`);
    const visibility = intValue(bag, `${n}_visibility`) ?? -1;
    if (visibility !== -1 && visibility !== 0) throw err.invalid(`${n}_visibility`);
    const quantity = intValue(bag, `${n}_quantity`) ?? 1;
    if (quantity < 1) throw err.invalid(`${n}_quantity`);
    if (quantity !== 1) throw err.notApplicable(`${n}_quantity`);
    const show = bag.get(`${n}_showCollectionCode`);
    if (show !== undefined && !/^[YN]$/i.test(show)) throw err.invalid(`${n}_showCollectionCode`);
    const domainName = bag.get(`${n}_domainName`);
    if (domainName !== undefined && !isDomainName(domainName)) throw err.invalid(`${n}_domainName`);
    items.push({ n, code, days, price, visibility, domainName });
  }
  return items;
}

function itemsFromProductList(bag: ParamBag): PlacedItem[] {
  const list = bag.get("product");
  if (list === undefined) throw err.noItem();
  return list.split(",").map((raw, i) => {
    const value = raw.trim();
    if (!/^\d{1,9}$/.test(value)) throw err.invalid("product");
    const number = Number(value);
    const { code, days } = PPP.has(number) ? resolve(i + 1, number, undefined, undefined) : resolve(i + 1, undefined, number, undefined);
    const price = priceOf(code, days);
    if (price === undefined) throw err.planNotFound("product");
    return { n: i + 1, code, days, price, visibility: -1, domainName: undefined };
  });
}
