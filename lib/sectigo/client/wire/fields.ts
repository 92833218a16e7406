/**
 * The client's table between its typed input names (camelCase) and Sectigo's parameter names.
 * Encoders read wire names from here. Errors carry the wire name itself (SectigoError.parameters);
 * which form field that is belongs to the catalog (lib/catalog/wire-parameters.ts), so this file
 * reads the table backwards only to word a message ("Please fill in contact email").
 */
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
  // "Renewing product licenses": its prose says previousOrder, its tables previousOrderNumber.
  autoApplyOrder: { previousOrder: "previousOrderNumber" },
  // "The !PlaceOrder API for Resellers" spells forename/surname; "SiteLock license" spells foreName/surName; `country` = countryName.
  placeOrder: { forename: "firstName", surname: "lastName", country: "countryCode" },
};

const CREDENTIALS = new Set(["loginname", "loginpassword"]);

/**
 * The wire parameter a client input name is sent as, for a client-side refusal: `contactEmail` ->
 * `appRepEmailAddress` (AutoApplyOrder), `items[0].domainName` -> `1_domainName`,
 * `items[1].params.csr` -> `2_csr`, `params.joiCountryName` -> `joiCountryName`. A name with no wire
 * spelling (`items`, `page`) is returned as it is.
 */
export function wireNameOf(operation: SectigoOperation, clientField: string): string {
  const item = /^items\[(\d+)\]\.(?:params\.)?(.+)$/.exec(clientField);
  if (item) {
    const sub = item[2]!;
    return `${Number(item[1]) + 1}_${(PLACE_ORDER_ITEM_FIELDS as Record<string, string>)[sub] ?? sub}`;
  }
  const param = /^params\.(.+)$/.exec(clientField);
  if (param) return param[1]!;
  return (WIRE_FIELDS[operation] as Record<string, string>)[clientField] ?? clientField;
}

/** The client input name of a wire parameter (any documented spelling, any case), for wording only. */
function clientNameOf(operation: SectigoOperation, wireName: string): string | undefined {
  const name = wireName.trim();
  const item = /^_?(\d+)_(.+)$/.exec(name);
  if (item && operation === "placeOrder") {
    const sub = findKey(PLACE_ORDER_ITEM_FIELDS, item[2] ?? "");
    return `items[${Number(item[1]) - 1}].${sub ?? item[2]}`;
  }
  const alias = Object.entries(ALIASES[operation] ?? {}).find(([wire]) => wire.toLowerCase() === name.toLowerCase());
  if (alias) return alias[1];
  return findKey(WIRE_FIELDS[operation], name);
}

function findKey(table: Readonly<Record<string, string>>, wireName: string): string | undefined {
  const lower = wireName.toLowerCase();
  for (const [ours, wire] of Object.entries(table)) if (wire.toLowerCase() === lower) return ours;
  return undefined;
}

/** Human label for a wire parameter, used inside user messages: `appRepEmailAddress` -> "contact email". */
export function fieldLabel(operation: SectigoOperation, parameter: string | undefined): string {
  if (!parameter) return "the highlighted field";
  if (CREDENTIALS.has(parameter.trim().toLowerCase())) return "the reseller credentials";
  const field = clientNameOf(operation, parameter) ?? parameter.trim().replace(/^_?(\d+)_/, (_m, n: string) => `items[${Number(n) - 1}].`);
  const item = /^items\[(\d+)\]\.(.+)$/.exec(field);
  const base = item ? item[2]! : field;
  const words = base.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return item ? `${words} of item ${Number(item[1]) + 1}` : words;
}
