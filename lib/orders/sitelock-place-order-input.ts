/**
 * The PlaceOrder request of a SiteLock plan sold with "Sectigo charges the customer" (reseller=N): the
 * plan's and add-ons' items (lib/catalog/sitelock-place-order.ts says which), the order-level
 * `domainName`, and the form's `appRep*` contact as PlaceOrder's customer and company. Here, where
 * orders are built, not in lib/catalog: it names the client's input type, and the client's
 * AutoApplyOrder types are inferred from the catalog, so the catalog cannot import the client back.
 */
import { siteLockPlaceOrderLines, type OrderFormValues, type Product } from "@/lib/catalog";
import type { PlaceOrderInput, PlaceOrderItem } from "@/lib/sectigo/client";

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

export function siteLockPlaceOrderInputFor(product: Product, values: OrderFormValues, opts: { brand: string }): PlaceOrderInput {
  const email = str(values.appRepEmailAddress);
  const domainName = str(values.domainName);
  if (!email || !domainName) throw new Error(`${product.key}: the e-mail and the domain are required`);
  const items = siteLockPlaceOrderLines(product, values).map((line): PlaceOrderItem => ({ pricingCode: line.ppp }));
  const firstName = str(values.appRepForename);
  const lastName = str(values.appRepSurname);
  const telephone = str(values.appRepTelephone);
  const person = firstName || lastName || telephone ? { ...(firstName ? { firstName } : {}), ...(lastName ? { lastName } : {}), ...(telephone ? { telephone } : {}) } : undefined;
  const company = {
    ...(str(values.organizationName) ? { organizationName: str(values.organizationName) } : {}),
    ...(str(values.streetAddress1) ? { streetAddress: str(values.streetAddress1) } : {}),
    ...(str(values.stateOrProvinceName) ? { stateOrProvince: str(values.stateOrProvinceName) } : {}),
    ...(str(values.postalCode) ? { postalCode: str(values.postalCode) } : {}),
    ...(str(values.countryName) ? { countryCode: str(values.countryName) } : {}),
  };
  return {
    brand: opts.brand,
    // reseller=N: "Sectigo will charge the end-customer" ("SiteLock license"); our funds are not debited.
    resellerPays: false,
    customer: { kind: "new", contactEmail: email, ...(person ? { person } : {}) },
    domainName,
    items: items as PlaceOrderInput["items"],
    ...(Object.keys(company).length > 0 ? { company } : {}),
  };
}
