/**
 * The ONE table between Order Desk field names and Sectigo parameter names.
 * Encoders read wire names from here; error mapping reads it backwards to tell the user which
 * of OUR fields a Sectigo `errorItem` / quoted parameter name refers to.
 */
import { fieldForSectigoParam } from "../../../catalog/fields";
import type { SectigoOperation } from "../types";

/** Fields whose wire name is the same as ours. */
function sameNames<const K extends string>(...names: K[]): { readonly [P in K]: P } {
  return Object.fromEntries(names.map((n) => [n, n])) as { readonly [P in K]: P };
}

const AUTH = sameNames("loginName", "loginPassword");

export const WIRE_FIELDS = {
  autoApplyOrder: {
    ...AUTH,
    productCodes: "product",
    days: "days",
    domainName: "domainName",
    contactEmail: "appRepEmailAddress",
    contactFirstName: "appRepForename",
    contactLastName: "appRepSurname",
    contactPhone: "appRepTelephone",
    siteLockLoginName: "appRepLoginName",
    siteLockLoginPassword: "appRepLoginPassword",
    organizationName: "organizationName",
    streetAddress: "streetAddress1",
    locality: "localityName",
    stateOrProvince: "stateOrProvinceName",
    postalCode: "postalCode",
    countryCode: "countryName",
    previousOrderNumber: "previousOrderNumber",
    autoRenew: "enableAutoRenew",
    foreignOrderNumber: "foreignOrderNumber",
    testMode: "test",
    responseFormat: "responseFormat",
    serverSoftware: "serverSoftware",
    csr: "csr",
    customerValidated: "isCustomerValidated",
    csrPriority: "prioritiseCSRValues",
    disableSiteLock: "disableSiteLock",
  },
  placeOrder: {
    ...AUTH,
    brand: "ap",
    resellerPays: "reseller",
    returningCustomer: "isReturningCustomer",
    region: "region",
    offerCode: "offerCode",
    organizationName: "organizationName",
    organizationalUnitName: "organizationalUnitName",
    postOfficeBox: "postOfficeBox",
    streetAddress: "streetAddress1",
    streetAddress2: "streetAddress2",
    streetAddress3: "streetAddress3",
    locality: "localityName",
    stateOrProvince: "stateOrProvinceName",
    postalCode: "postalCode",
    countryCode: "countryName",
    dunsNumber: "dunsNumber",
    companyNumber: "companyNumber",
    businessCategory: "BusinessCategory",
    title: "title",
    fullName: "name",
    firstName: "foreName",
    lastName: "surName",
    contactEmail: "emailAddress",
    telephone: "telephoneNumber",
    fax: "faxNumber",
    licenceCode: "licenceCode",
    domainName: "domainName",
    // Ordering URLs only (the customer's browser posts them): where Sectigo sends the customer after the order.
    successUrl: "successURL",
    errorUrl: "errorURL",
  },
  autoAuthorize: { ...AUTH, orderNumber: "orderNumber", testMode: "test", disableFreeWebProducts: "disableSWP" },
  autoReject: { ...AUTH, orderNumber: "orderNumber", testMode: "test" },
  autoRefund: { ...AUTH, orderNumber: "orderNumber", reason: "refundReasonCode" },
  modifyThirdPartyDetails: { ...AUTH, orderNumber: "orderNumber", productCode: "product", action: "action", autoRenew: "autoRenew" },
  webHostReport: {
    ...AUTH,
    placedFrom: "notBefore",
    placedTo: "notAfter",
    firstResult: "firstResultNo",
    lastResult: "lastResultNo",
    organizationName: "organizationName",
    domainName: "fqdn",
    orderNumbers: "orderNumber",
    foreignOrderNumbers: "foreignOrderNumber",
    certificateIds: "certificateID",
    showStatusDetails: "showStatusDetails",
    statusCodes: "certificateStatusCode",
    statusDescriptions: "certificateStatusDesc",
    expiresFrom: "expireNotBefore",
    expiresTo: "expireNotAfter",
    showCost: "showCost",
    showOldItems: "showOldItems",
  },
  getAccountBalance: { ...AUTH, responseFormat: "responseFormat" },
} as const satisfies Record<SectigoOperation, Record<string, string>>;

/** Per-item fields of PlaceOrder's numbered `N_name` parameters. */
export const PLACE_ORDER_ITEM_FIELDS = {
  productId: "ID",
  pricingCode: "PPP",
  visibility: "visibility",
  days: "days",
  zones: "zones",
  domainName: "domainName",
  showCollectionCode: "showCollectionCode",
  dcvEmailAddress: "dcvEmailAddress",
  ipAddress: "IPAddress",
  macAddress: "MACAddress",
  webServerSoftwareId: "webserverSoftwareID",
  csr: "csr",
  signatureHash: "signatureHash",
  smartCardBased: "smartCardBased",
  // quantity units: the wire name depends on the product (x_seats, x_users, ...)
  seats: "seats",
  users: "users",
  servers: "servers",
  quantity: "quantity",
} as const;

/** Other spellings Sectigo's documents use for the same parameter (read direction only). */
const ALIASES: Partial<Record<SectigoOperation, Record<string, string>>> = {
  // contradictions.md #3: prose says previousOrder, tables say previousOrderNumber.
  autoApplyOrder: { previousOrder: "previousOrderNumber" },
  // seed 003 spells forename/surname; seed 002 spells foreName/surName; `country` = countryName.
  placeOrder: { forename: "firstName", surname: "lastName", country: "countryCode" },
};

const CREDENTIALS_FIELD = "credentials";

/**
 * Order Desk field name for a Sectigo parameter name, e.g. `appRepEmailAddress` → `contactEmail`,
 * `1_PPP` / `_1_PPP` → `items[0].pricingCode`; on PlaceOrder a catalog field's key first (`1_csr` → `csr`,
 * `emailAddress` → `emailAddress`), see lib/catalog/fields.ts. Case-insensitive (PlaceOrder names are).
 */
export function ourFieldName(operation: SectigoOperation, wireName: string): string | undefined {
  const name = wireName.trim();
  if (!name) return undefined;
  const lower = name.toLowerCase();
  if (lower === "loginname" || lower === "loginpassword") return CREDENTIALS_FIELD;

  // PlaceOrder: a parameter that is a catalog field lands on that field's key (`1_csr` -> `csr`,
  // `foreName` -> `forename`, `emailAddress`), the order form's own names. Not the parameters the client
  // sets itself (`ap`, `reseller`, `isReturningCustomer`): those stay its typed fields (`resellerPays`),
  // which the caller maps on (`reseller` is also the catalog's "Sectigo charges the customer").
  const owned = operation === "placeOrder" && CLIENT_SET.has(lower);
  const catalogField = operation === "placeOrder" && !owned ? fieldForSectigoParam(name) : undefined;
  if (catalogField) return catalogField;

  const item = /^_?(\d+)_(.+)$/.exec(name);
  if (item && operation === "placeOrder") {
    const index = Number(item[1]) - 1;
    const sub = findKey(PLACE_ORDER_ITEM_FIELDS, item[2] ?? "");
    return `items[${index}].${sub ?? item[2]}`;
  }

  const alias = Object.entries(ALIASES[operation] ?? {}).find(([wire]) => wire.toLowerCase() === lower);
  if (alias) return alias[1];
  return findKey(WIRE_FIELDS[operation], name);
}

const CLIENT_SET: ReadonlySet<string> = new Set([WIRE_FIELDS.placeOrder.brand, WIRE_FIELDS.placeOrder.resellerPays, WIRE_FIELDS.placeOrder.returningCustomer].map((n) => n.toLowerCase()));

function findKey(table: Readonly<Record<string, string>>, wireName: string): string | undefined {
  const lower = wireName.toLowerCase();
  for (const [ours, wire] of Object.entries(table)) if (wire.toLowerCase() === lower) return ours;
  return undefined;
}

/** Human label for an Order Desk field name, used inside user messages. */
export function fieldLabel(field: string | undefined): string {
  if (!field) return "the highlighted field";
  if (field === CREDENTIALS_FIELD) return "the reseller credentials";
  const item = /^items\[(\d+)\]\.(.+)$/.exec(field);
  const base = item ? item[2]! : field;
  const words = base.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return item ? `${words} of item ${Number(item[1]) + 1}` : words;
}
