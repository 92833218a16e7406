/**
 * What the order form keeps when the product changes. Fields that mean the same thing carry over
 * (domain, customer, e-mail, names, company, address, CSR, ...); a field the new product does not ask
 * for stays behind, in that product's own memory, and comes back when the user switches back to it.
 *
 * "Means the same thing" is read from the catalog's field definitions (lib/catalog/fields.ts), not
 * from a list: two fields mean the same thing when they are in the same group, take the same kind of
 * input, and have the same name once AutoApplyOrder's `appRep` prefix and a trailing `Number` are set
 * aside (`appRepEmailAddress` ~ `emailAddress`, `appRepTelephone` ~ `telephoneNumber`). A value moves
 * only where the target field accepts it (a select's or check list's options are the target's own).
 */
import { FIELD_SPECS, formFieldsFor, productByKey, type FieldKey, type FieldSpec, type Product } from "@/lib/catalog";

export type FormValues = Record<string, unknown>;

export interface FormMemory {
  productKey?: string;
  /** What the form shows now (the current product's values). */
  values?: FormValues;
  /** Each product's values as they were when the user left it. */
  byProduct?: Record<string, FormValues>;
}

export function meaningOf(key: FieldKey): string {
  const spec = FIELD_SPECS[key];
  const name = key.replace(/^appRep/, "").replace(/Number$/, "").toLowerCase();
  return `${spec.group}|${spec.input}|${name}`;
}

type ShownField = FieldSpec & { required: boolean };
const FIELDS = new Map<string, ShownField[]>();
function fieldsOf(product: Product): ShownField[] {
  let found = FIELDS.get(product.key);
  if (!found) FIELDS.set(product.key, (found = formFieldsFor(product)));
  return found;
}

/** Pairs [field of `from`, field of `to`] that mean the same thing. */
export function sharedFields(from: Product, to: Product): Array<[ShownField, ShownField]> {
  const byMeaning = new Map(fieldsOf(from).map((f) => [meaningOf(f.key), f]));
  const pairs: Array<[ShownField, ShownField]> = [];
  for (const f of fieldsOf(to)) {
    const source = byMeaning.get(meaningOf(f.key));
    if (source) pairs.push([source, f]);
  }
  return pairs;
}

/** The value as `field` can hold it, or undefined when it cannot (an option it does not list). */
export function fitValue(value: unknown, field: FieldSpec): unknown {
  if (value === undefined) return undefined;
  const allowed = field.options ? new Set(field.options.map((o) => o.value)) : undefined;
  switch (field.input) {
    case "checkbox":
      return typeof value === "boolean" ? value : undefined;
    case "checkboxes": {
      const list = Array.isArray(value) ? value : typeof value === "string" && value !== "" ? [value] : [];
      return list.filter((v): v is string => typeof v === "string" && (!allowed || allowed.has(v)));
    }
    case "select":
      return typeof value === "string" && (value === "" || !allowed || allowed.has(value)) ? value : undefined;
    default:
      return typeof value === "string" ? value : undefined;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Leaves the current product for `to`: the current values are remembered under the current product,
 * and `to` gets its own remembered values with every field it shares with the current product taken
 * from the current values. A shared value the user did not change meanwhile keeps `to`'s own
 * remembered value (SiteLock Pro's two add-ons survive a visit to Basic, which lists one of them).
 */
export function switchProduct(memory: FormMemory, to: string): { productKey: string; values: FormValues; byProduct: Record<string, FormValues> } {
  const byProduct = { ...(memory.byProduct ?? {}) };
  const from = memory.productKey ? productByKey(memory.productKey) : undefined;
  const current = memory.values ?? {};
  if (from && memory.productKey !== to) byProduct[from.key] = current;
  const target = productByKey(to);
  const remembered = byProduct[to] ?? {};
  if (!target || !from || from.key === to) return { productKey: to, values: from?.key === to ? current : { ...remembered }, byProduct };
  const values: FormValues = { ...remembered };
  for (const [source, field] of sharedFields(from, target)) {
    const value = fitValue(current[source.key], field);
    if (value === undefined) continue;
    // Unchanged since it came from `to` (or fits it the same way): keep `to`'s own, fuller value.
    const own = remembered[field.key];
    if (own !== undefined && same(fitValue(own, source), current[source.key])) continue;
    values[field.key] = value;
  }
  return { productKey: to, values, byProduct };
}
