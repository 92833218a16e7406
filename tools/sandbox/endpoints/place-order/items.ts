/**
 * PlaceOrder items: `x_PPP` (product pricing parameter) or `x_ID` (product ID) per item number,
 * starting at 1 (-39 when item 1 is absent). Decisions:
 * - Every PlaceOrder code of the sandbox's product table (core/products/) is sold: the SiteLock rows (as product IDs 1059-1082 and add-ons)
 *   and every other product's codes (SSL, Code Signing, eIDAS, HackerGuardian, ..., eToken and shipping),
 *   which keep their PPP as product code. Any other PPP/ID -> -65 "PlanID for this product not found."
 *   (also for an x_ID/x_days pair without a price, and for x_ID of a non-SiteLock product: §7 prints
 *   x_PPP codes only for those).
 * - Companions ("The !PlaceOrder API for Resellers" §7 `x_PPP=3461&y_PPP=3450&y_visibility=0`): `y` is just the next item number, so a
 *   companion is an ordinary item; a companion code (HackerGuardian PCI's free CVC) is accepted only in an
 *   order that carries a code it belongs to (else -65) and costs nothing.
 * - `x_days` must match the PPP's term when both are sent (-4); with `x_ID` it selects the term
 *   (default 365; SiteLock 911 takes none).
 * - `x_quantity` must be 1 (a SiteLock license is per site; the catalog declares no quantity for any other
 *   product) -> otherwise -83.
 * - Item fields documented for other products (x_MACAddress, x_csr, ...) -> -83: on a SiteLock item every
 *   one of them; on another item those its catalog product does not declare.
 * - IP packs: `x_IP Addresses` is required (-3) and must be the code's own number (-61, "The !PlaceOrder API for Resellers").
 * - With no numbered items, the top-level `product` list (product IDs or PPPs) is used (Ordering URLs).
 */
import { PPP, placeOrderRow, priceOf, productOf, type PlaceOrderRow } from "../../core/catalog";
import { err, SandboxError } from "../../core/errors";
import { isDomainName, type ParamBag } from "../../core/params";
import { FOREIGN_ITEM_FIELDS, splitItemParam } from "./params";
import { declaredItemFields } from "./product-fields";

export interface PlacedItem {
  n: number;
  code: number;
  days: number;
  price: number;
  visibility: number;
  domainName: string | undefined;
  /** Set for every non-SiteLock item: its row of the PlaceOrder table (the code is its PPP). */
  catalog?: PlaceOrderRow;
}

const ipCountMismatch = (item: string) => new SandboxError(-61, "The number of IP addresses does not match the specified product.", item);

function intValue(bag: ParamBag, name: string): number | undefined {
  const value = bag.get(name);
  if (value === undefined) return undefined;
  if (!/^-?\d{1,9}$/.test(value.trim())) throw err.invalid(name);
  return Number(value.trim());
}

type Resolved = { code: number; days: number; catalog?: PlaceOrderRow };

function resolve(n: number, ppp: number | undefined, id: number | undefined, days: number | undefined): Resolved {
  if (ppp !== undefined && id !== undefined) throw err.invalid(`${n}_ID`);
  if (ppp !== undefined) {
    const row = PPP.get(ppp);
    const catalog = row ? undefined : placeOrderRow(ppp);
    if (!row && !catalog) throw err.planNotFound(`${n}_PPP`);
    const resolved: Resolved = row ?? { code: ppp, days: catalog!.days, catalog: catalog! };
    if (days !== undefined && days !== resolved.days) throw err.invalid(`${n}_days`);
    return resolved;
  }
  const product = id === undefined ? undefined : productOf(id);
  if (id === undefined || !product || product.kind === "ssl" || product.kind === "bundle") throw err.planNotFound(`${n}_ID`);
  if (product.kind === "service") {
    if (days !== undefined) throw err.planNotFound(`${n}_days`);
    return { code: id, days: 0 };
  }
  return { code: id, days: days ?? 365 };
}

/** Item fields of item n that its product does not take -> -83. */
function checkItemFields(bag: ParamBag, n: number, catalog: PlaceOrderRow | undefined): void {
  const allowed = catalog ? declaredItemFields(catalog) : new Set<string>();
  for (const field of FOREIGN_ITEM_FIELDS) {
    if (bag.has(`${n}_${field}`) && !allowed.has(field.toLowerCase())) throw err.notApplicable(`${n}_${field}`);
  }
  if (catalog && bag.has(`${n}_domainName`)) throw err.notApplicable(`${n}_domainName`);
  if (catalog?.ipAddresses !== undefined) {
    const name = `${n}_IP Addresses`;
    const sent = bag.get(name);
    if (sent === undefined) throw err.missing(name);
    if (sent.trim() !== String(catalog.ipAddresses)) throw ipCountMismatch(name);
  }
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
    const ppp = intValue(bag, `${n}_PPP`);
    const id = intValue(bag, `${n}_ID`);
    if (ppp === undefined && id === undefined) throw err.noItem();
    const { code, days, catalog } = resolve(n, ppp, id, intValue(bag, `${n}_days`));
    checkItemFields(bag, n, catalog);
    const price = catalog ? catalog.price : priceOf(code, days);
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
    items.push(catalog ? { n, code, days, price, visibility, domainName, catalog } : { n, code, days, price, visibility, domainName });
  }
  checkCompanions(items);
  return items;
}

/** A companion code rides only with a code that carries it. */
function checkCompanions(items: PlacedItem[]): void {
  const codes = new Set(items.map((i) => i.code));
  for (const item of items) {
    const carriers = item.catalog?.companionOf;
    if (carriers && !carriers.some((c) => codes.has(c))) throw err.planNotFound(`${item.n}_PPP`);
  }
}

function itemsFromProductList(bag: ParamBag): PlacedItem[] {
  const list = bag.get("product");
  if (list === undefined) throw err.noItem();
  const items = list.split(",").map((raw, i): PlacedItem => {
    const value = raw.trim();
    if (!/^\d{1,9}$/.test(value)) throw err.invalid("product");
    const number = Number(value);
    const isPpp = PPP.has(number) || placeOrderRow(number) !== undefined;
    const { code, days, catalog } = isPpp ? resolve(i + 1, number, undefined, undefined) : resolve(i + 1, undefined, number, undefined);
    if (catalog) checkItemFields(bag, i + 1, catalog);
    const price = catalog ? catalog.price : priceOf(code, days);
    if (price === undefined) throw err.planNotFound("product");
    const item: PlacedItem = { n: i + 1, code, days, price, visibility: -1, domainName: undefined };
    if (catalog) item.catalog = catalog;
    return item;
  });
  checkCompanions(items);
  return items;
}
