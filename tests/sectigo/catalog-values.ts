/**
 * Valid order values for any catalog product, generated from its field specs (one value per field kind),
 * and the typed client's PlaceOrder input built from the parsed values: how the order form passes catalog
 * values to `client.placeOrder` (customer e-mail typed, every other field by its Sectigo name in `params`
 * or `items[n].params`, companions as further items).
 */
import {
  FIELD_SPECS,
  addOnsFor,
  fieldRequirements,
  orderSchemaFor,
  termOptionsFor,
  type FieldKey,
  type OrderFormInput,
  type OrderFormValues,
  type Product,
} from "@/lib/catalog";
import { PRODUCTS } from "@/lib/catalog";
import type { PlaceOrderInput } from "@/lib/sectigo/client";
import { placeOrderInputFor as catalogPlaceOrderInput } from "@/lib/orders/place-order-input";
import { RSA2048, RSA2048W, RSA3072 } from "./fixtures/csrs";

const PSD2_ROLES: readonly FieldKey[] = ["accountServicingRole", "paymentInitiationRole", "accountInformationRole", "paymentServiceRole"];

function valueFor(product: Product, key: FieldKey, unique: string): string | boolean | undefined {
  const spec = FIELD_SPECS[key];
  const psd2 = product.rules?.includes("psd2") === true;
  switch (key) {
    case "csr":
      return product.wildcard ? RSA2048W : (product.csr?.minRsaBits ?? 2048) > 2048 ? RSA3072 : RSA2048;
    case "organizationIdentifier":
      return psd2 ? "PSDFI-FINFSA-1234567-8" : "VATBE-0876866";
    case "ncaIdentifier":
      return "FI-FINFSA";
    case "semanticsIdentifier":
      return "PNOBE-12345678";
    case "countryName":
    case "joiCountryName":
      return "GB";
    case "shipping":
      return "standard";
    case "domainName":
      return `${unique}.example`;
    case "loginPassword":
      return "never-sent"; // D25 still lists it; never sent (reseller credentials only)
    default:
      break;
  }
  if (PSD2_ROLES.includes(key)) return key === "accountServicingRole";
  switch (spec.input) {
    case "email":
      return `${unique}@example.com`;
    case "tel":
      return "+44 113 496 0000";
    case "date":
      return "2001-02-03";
    case "checkbox":
      return false;
    case "select":
      return spec.options?.[0]?.value;
    case "checkboxes":
      return undefined;
    default:
      return key === "postalCode" ? "LS1 1AA" : "Example";
  }
}

/** Form values with every required field (and the city, for the locality-or-state rule) filled in. */
export function validFormInput(product: Product, unique: string): OrderFormInput {
  const values: OrderFormInput = { term: termOptionsFor(product)[0]!.value };
  for (const [key, requirement] of fieldRequirements(product)) {
    if (requirement !== "required" && key !== "localityName") continue;
    const value = valueFor(product, key, unique);
    if (value !== undefined) values[key] = value;
  }
  return values;
}


/** PlaceOrder input for a PlaceOrder product's parsed values: the order form's own builder. */
export function placeOrderInputFor(product: Product, values: OrderFormValues, brand = "orderdesk"): PlaceOrderInput {
  return catalogPlaceOrderInput(product, values, { brand, resellerPays: true });
}

/** SiteLock through PlaceOrder: a plan's PPP (an add-on rides on a plan that takes it) with domain and e-mail. */
export function siteLockInputFor(product: Product, unique: string, brand = "orderdesk"): PlaceOrderInput {
  const codeOf = (p: Product) => p.terms.find((t) => t.ppp !== undefined)!.ppp!;
  const plan = product.sitelock?.kind === "addon" ? PRODUCTS.find((p) => p.terms.some((t) => t.ppp !== undefined) && addOnsFor(p).includes(product))! : undefined;
  const codes = plan ? [codeOf(plan), codeOf(product)] : [codeOf(product)];
  return {
    brand,
    resellerPays: true,
    customer: { kind: "new", contactEmail: `${unique}@example.com` },
    domainName: `${unique}.example`,
    items: codes.map((pricingCode) => ({ pricingCode })) as PlaceOrderInput["items"],
  };
}

/** Parses generated values with the product's own schema (the same one the order form uses). */
export function parsedValues(product: Product, unique: string): OrderFormValues {
  return orderSchemaFor(product).parse(validFormInput(product, unique));
}
