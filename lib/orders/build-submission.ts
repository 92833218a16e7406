/**
 * From a filled order form to what the ordering pipeline sends: the Sectigo request, the items we
 * record (with their prices), and the customer. Pure: the catalog says what each field is; the form
 * values were already checked by the product's own schema (lib/catalog/schema.ts).
 */
import { addOnsFor, BUNDLE_CERTIFICATES, BUNDLE_LICENSE_NAME, chargesCustomer, CSR_PRIORITIES, placeOrderItemsFor, productById, productByPpp, sectigoBillsCustomer, siteLockPlaceOrderLines, termByValue, type OrderFormValues, type Product } from "@/lib/catalog";
import { placeOrderInputFor } from "./place-order-input";
import { siteLockPlaceOrderInputFor } from "./sitelock-place-order-input";
import type { AutoApplyOrderInput } from "@/lib/sectigo/client";
import type { OrderSubmissionInput } from "./submission";

export interface PlanPrice {
  buyPrice: number | null;
  sellPrice: number | null;
  currency: string | null;
}

export interface BuildContext {
  submissionKey: string;
  account: { id: string; apBrand: string | null; autoRenewDefault: boolean };
  /** An existing customer of ours, or null for a new one (made from the form's contact fields). */
  customer: { id: string } | null;
  /**
   * The license an add-on is for (add-on products only), with its `changeVersion` as read: an add-on
   * is a change of that license, claimed only if nothing changed it since (lib/orders/pending-license-order.ts).
   */
  license?: { id: string; changeVersion: number; domainName: string; currentOrderNumber: string | null } | null;
  /** Price of a product's term (by product key and term value); null when not set. */
  priceOf(productKey: string, termValue: string): PlanPrice | null;
  /** reseller=Y (default): we collect payment and authorize; false: Sectigo charges the customer. */
  resellerPays?: boolean;
}

export class SubmissionProblem extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

export function buildSubmission(product: Product, values: OrderFormValues, ctx: BuildContext): OrderSubmissionInput {
  const term = termByValue(product, values.term);
  if (!term) throw new SubmissionProblem("Choose one of the listed terms.", "term");
  const price = ctx.priceOf(product.key, values.term);
  const currency = price?.currency ?? null;
  const customer = ctx.customer ? { id: ctx.customer.id } : { new: newCustomer(values) };
  if (product.api === "AutoApplyOrder") return siteLock(product, values, term.days, price, currency, customer, ctx);
  return placeOrder(product, values, price, currency, customer, ctx);
}

function newCustomer(v: OrderFormValues) {
  const email = str(v.emailAddress) ?? str(v.appRepEmailAddress);
  if (!email) throw new SubmissionProblem("Enter the customer's email address.", v.appRepEmailAddress !== undefined ? "appRepEmailAddress" : "emailAddress");
  const foreName = str(v.forename) ?? str(v.appRepForename);
  const surName = str(v.surname) ?? str(v.appRepSurname);
  const name = str(v.organizationName) ?? ([foreName, surName].filter(Boolean).join(" ") || email);
  return {
    name,
    email,
    ...(foreName ? { foreName } : {}),
    ...(surName ? { surName } : {}),
    ...(str(v.telephoneNumber) ?? str(v.appRepTelephone) ? { telephone: str(v.telephoneNumber) ?? str(v.appRepTelephone) } : {}),
    ...(str(v.countryName) ? { country: str(v.countryName) } : {}),
  };
}

function siteLock(
  product: Product,
  v: OrderFormValues,
  days: number | null,
  price: PlanPrice | null,
  currency: string | null,
  customer: OrderSubmissionInput["customer"],
  ctx: BuildContext,
): OrderSubmissionInput {
  const kind = product.sitelock?.kind;
  const domainName = str(v.domainName) ?? ctx.license?.domainName;
  if (!domainName) throw new SubmissionProblem("Enter the domain name.", "domainName");
  const contactEmail = str(v.appRepEmailAddress);
  if (!contactEmail) throw new SubmissionProblem("Enter the customer's email address.", "appRepEmailAddress");
  const autoRenew = typeof v.enableAutoRenew === "boolean" ? v.enableAutoRenew : ctx.account.autoRenewDefault;
  const contact = {
    contactEmail,
    ...(str(v.appRepForename) ? { contactFirstName: str(v.appRepForename) } : {}),
    ...(str(v.appRepSurname) ? { contactLastName: str(v.appRepSurname) } : {}),
    ...(str(v.appRepTelephone) ? { contactPhone: str(v.appRepTelephone) } : {}),
  };
  const addOnCodes = (Array.isArray(v.addOns) ? v.addOns : []).map(Number);
  const allowed = new Set(addOnsFor(product).map((p) => p.productId));
  for (const code of addOnCodes) if (!allowed.has(code)) throw new SubmissionProblem(`Add-on ${code} cannot be added to ${product.name}.`, "addOns");
  const item = (p: Product, isAddOn: boolean, priced: PlanPrice | null) => ({
    productCode: p.productId!,
    productName: p.name,
    days,
    domainName,
    isAddOn,
    buyPrice: priced?.buyPrice ?? null,
    sellPrice: priced?.sellPrice ?? null,
  });
  const addOnItems = addOnCodes.map((code) => {
    const addOn = productById(code)!;
    return item(addOn, true, ctx.priceOf(addOn.key, String(days ?? 0)));
  });

  if (chargesCustomer(product, v)) return siteLockChargedToCustomer(product, v, customer, domainName, ctx);
  if (kind === "bundle") return sslBundle(product, v, days, price, ctx, { customer, currency, domainName, autoRenew, contactEmail });

  if (kind === "addon") {
    const previous = ctx.license?.currentOrderNumber;
    if (!previous || !ctx.license) throw new SubmissionProblem("Pick the license this add-on is for.", "license");
    return {
      submissionKey: ctx.submissionKey,
      resellerAccountId: ctx.account.id,
      customer,
      kind: "ADD_ON",
      targetLicenseId: ctx.license.id,
      licenseVersion: ctx.license.changeVersion,
      currency,
      items: [item(product, true, price)],
      sectigo: { operation: "autoApplyOrder", input: { kind: "addOn", previousOrderNumber: previous, addOnCodes: [product.productId!], days: days as 30 | 365, domainName, autoRenew, ...contact } },
    };
  }
  let input: AutoApplyOrderInput;
  const previous = str(v.previousOrderNumber);
  if (kind === "service") {
    input = { kind: "siteLock911", domainName, autoRenew: false, ...contact, ...(previous ? { previousOrderNumber: previous } : {}) };
  } else if (previous) {
    input = { kind: "existingCustomer", previousOrderNumber: previous, productCode: product.productId!, addOnCodes, days: days as 30 | 365, domainName, autoRenew, ...contact };
  } else {
    input = {
      kind: "newCustomer",
      productCode: product.productId!,
      addOnCodes,
      days: days as 30 | 365,
      domainName,
      autoRenew,
      ...contact,
      ...(str(v.organizationName) ? { organizationName: str(v.organizationName) } : {}),
      ...(str(v.streetAddress1) ? { streetAddress: str(v.streetAddress1) } : {}),
      ...(str(v.stateOrProvinceName) ? { stateOrProvince: str(v.stateOrProvinceName) } : {}),
      ...(str(v.postalCode) ? { postalCode: str(v.postalCode) } : {}),
      ...(str(v.countryName) ? { countryCode: str(v.countryName) } : {}),
    };
  }
  return {
    submissionKey: ctx.submissionKey,
    resellerAccountId: ctx.account.id,
    customer,
    kind: "NEW",
    currency,
    items: [item(product, false, price), ...addOnItems],
    sectigo: { operation: "autoApplyOrder", input },
  };
}

/**
 * "Sectigo charges the customer": the plan (and its add-ons) through PlaceOrder with reseller=N (Sectigo's PlaceOrder document "SiteLock license").
 * Who pays, as recorded: Sectigo debits us nothing (buyPrice 0; the order's totalCost becomes 0 when placed)
 * and bills the customer at its own price, which we neither set nor know (sellPrice null, so sellTotal null).
 * The items keep their SiteLock product IDs, so the license and its add-ons are recorded as for AutoApplyOrder.
 */
function siteLockChargedToCustomer(product: Product, v: OrderFormValues, customer: OrderSubmissionInput["customer"], domainName: string, ctx: BuildContext): OrderSubmissionInput {
  if (!ctx.account.apBrand) {
    throw new SubmissionProblem("PlaceOrder needs the reseller account's brand name (ap), which this account has not: an admin sets it under Settings → Reseller accounts. Or untick this to debit our account.", "sectigoChargesCustomer");
  }
  const input = siteLockPlaceOrderInputFor(product, { ...v, domainName }, { brand: ctx.account.apBrand });
  const items = siteLockPlaceOrderLines(product, v).map((line) => ({
    productCode: line.product.productId!,
    productName: line.product.name,
    days: line.days,
    domainName,
    isAddOn: line.isAddOn,
    buyPrice: 0,
    sellPrice: null,
  }));
  return { submissionKey: ctx.submissionKey, resellerAccountId: ctx.account.id, customer, kind: "NEW", currency: null, items, sectigo: { operation: "placeOrder", input } };
}

/**
 * An SSL certificate with the SSL PLUS SiteLock Bundle (Sectigo's "Ordering products"): the certificate's product ID is
 * what is ordered (as in the documented example); the bundle license comes with it. Recorded as two
 * items: the certificate (priced as the plan) and the bundle (free; a license of its own, not an add-on).
 */
function sslBundle(
  product: Product,
  v: OrderFormValues,
  days: number | null,
  price: PlanPrice | null,
  ctx: BuildContext,
  o: { customer: OrderSubmissionInput["customer"]; currency: string | null; domainName: string; autoRenew: boolean; contactEmail: string },
): OrderSubmissionInput {
  const certificate = BUNDLE_CERTIFICATES.find((c) => String(c.productId) === v.sslProductId);
  if (!certificate) throw new SubmissionProblem("Choose the SSL certificate.", "sslProductId");
  if (!days || !certificate.days.includes(days)) throw new SubmissionProblem(`${certificate.name} is not sold for this term.`, "term");
  const priority = CSR_PRIORITIES.find((p) => p === v.csrPriority);
  const software = str(v.webserverSoftwareId);
  const input: AutoApplyOrderInput = {
    kind: "sslBundle",
    productCodes: [certificate.productId],
    days,
    domainName: o.domainName,
    contactEmail: o.contactEmail,
    autoRenew: o.autoRenew,
    ...(str(v.csr) ? { csr: str(v.csr) } : {}),
    ...(software ? { serverSoftware: Number(software) } : {}),
    ...(str(v.organizationName) ? { organizationName: str(v.organizationName) } : {}),
    ...(str(v.localityName) ? { locality: str(v.localityName) } : {}),
    ...(str(v.stateOrProvinceName) ? { stateOrProvince: str(v.stateOrProvinceName) } : {}),
    ...(str(v.countryName) ? { countryCode: str(v.countryName) } : {}),
    ...(v.customerValidated === true ? { customerValidated: true } : {}),
    ...(priority ? { csrPriority: priority } : {}),
  };
  const line = (productCode: number, productName: string, isAddOn: boolean, priced: PlanPrice | null) => ({
    productCode,
    productName,
    days,
    domainName: o.domainName,
    isAddOn,
    buyPrice: priced?.buyPrice ?? null,
    sellPrice: priced?.sellPrice ?? null,
  });
  return {
    submissionKey: ctx.submissionKey,
    resellerAccountId: ctx.account.id,
    customer: o.customer,
    kind: "NEW",
    currency: o.currency,
    items: [line(certificate.productId, certificate.name, false, price), line(product.productId!, BUNDLE_LICENSE_NAME, false, { buyPrice: 0, sellPrice: 0, currency: null })],
    sectigo: { operation: "autoApplyOrder", input },
  };
}

function placeOrder(
  product: Product,
  v: OrderFormValues,
  price: PlanPrice | null,
  currency: string | null,
  customer: OrderSubmissionInput["customer"],
  ctx: BuildContext,
): OrderSubmissionInput {
  const catalogItems = placeOrderItemsFor(product, v) ?? [];
  const domainName = str(v.domainName);
  const input = placeOrderInputFor(product, v, { brand: ctx.account.apBrand ?? "", resellerPays: ctx.resellerPays ?? true });
  // reseller=N: Sectigo bills the customer at its own price and debits us nothing (as SiteLock's choice).
  const sectigoBills = sectigoBillsCustomer(product, v, ctx.resellerPays);
  const recorded = catalogItems.map((ci) => {
    const found = productByPpp(ci.ppp);
    const own = ci.role === "product";
    // Staff price the plan only (Settings -> Prices): its companions (eToken, shipping, the free CVC) are
    // included in that price, so they are recorded at 0 and the order's totals are the plan's own.
    const priced: PlanPrice | null = sectigoBills ? { buyPrice: 0, sellPrice: null, currency: null } : own ? price : { buyPrice: 0, sellPrice: 0, currency: null };
    return {
      productCode: ci.ppp,
      productName: found ? (own ? `${found.product.name}, ${found.term.label}` : found.product.name) : `Item ${ci.ppp}`,
      days: found?.term.days ?? null,
      domainName: own ? (domainName ?? null) : null,
      isAddOn: !own,
      buyPrice: priced?.buyPrice ?? null,
      sellPrice: priced?.sellPrice ?? null,
    };
  });
  return {
    submissionKey: ctx.submissionKey,
    resellerAccountId: ctx.account.id,
    customer,
    kind: "NEW",
    currency: sectigoBills ? null : currency,
    items: recorded,
    sectigo: { operation: "placeOrder", input },
  };
}

/**
 * A cart: several PlaceOrder products in one order ("The !PlaceOrder API for Resellers": numbered items `1_PPP`, `2_PPP`, …).
 * Each product was built on its own; their order-level fields (customer, company) must agree, and
 * the items follow one another in the order the cart lists them.
 */
export function mergeCart(parts: OrderSubmissionInput[]): OrderSubmissionInput {
  const [first, ...rest] = parts;
  if (!first) throw new SubmissionProblem("The order has no product.", "term");
  if (rest.length === 0) return first;
  const inputs = parts.map((p) => {
    if (p.sectigo.operation !== "placeOrder") throw new SubmissionProblem("SiteLock products are ordered on their own, not in a cart.", "term");
    return p.sectigo.input;
  });
  const params: Record<string, string> = {};
  for (const input of inputs) {
    for (const [name, value] of Object.entries(input.params ?? {})) {
      if (params[name] !== undefined && params[name] !== value) {
        throw new SubmissionProblem(`The products in this order disagree on "${name}" ("${params[name]}" and "${value}"): one order has one customer and one company.`, "term");
      }
      params[name] = value;
    }
  }
  const emails = new Set(inputs.map((i) => i.customer.contactEmail).filter(Boolean));
  if (emails.size > 1) throw new SubmissionProblem("The products in this order have different customer e-mails: one order has one customer.", "emailAddress");
  const currencies = new Set(parts.map((p) => p.currency).filter(Boolean));
  const base = inputs[0]!;
  return {
    ...first,
    currency: currencies.size === 1 ? [...currencies][0]! : null,
    items: parts.flatMap((p) => p.items),
    sectigo: {
      operation: "placeOrder",
      input: { ...base, items: inputs.flatMap((i) => i.items) as typeof base.items, ...(Object.keys(params).length > 0 ? { params } : {}) },
    },
  };
}
