/**
 * `!PlaceOrder` parameter table ("SiteLock license" and "The !PlaceOrder API for Resellers"). Names are case-insensitive (the PDF: "Variable Name
 * (case insensitive)"), so every name is mapped to its canonical spelling first; `x_` item
 * parameters may carry a leading underscore (`_1_PPP`).
 */
import { ParamBag, type ParamSpec } from "../../core/params";

export const PLACE_ORDER_PARAMS: readonly ParamSpec[] = [
  { name: "ap", required: true, max: 64 },
  { name: "reseller", required: true, max: 1 },
  { name: "loginName", required: true, max: 64 },
  { name: "loginPassword", required: true, max: 128 },
  { name: "errorURL", max: 255 },
  { name: "successURL", max: 255 },
  { name: "region", max: 64 },
  { name: "isReturningCustomer", max: 1 },
  { name: "product", max: 32767 },
  { name: "offerCode", max: 64 },
  { name: "organizationName", max: 64 },
  { name: "organizationalUnitName", max: 64 },
  { name: "postOfficeBox", max: 40 },
  { name: "streetAddress1", max: 128 },
  { name: "streetAddress2", max: 128 },
  { name: "streetAddress3", max: 128 },
  { name: "localityName", max: 128 },
  { name: "stateOrProvinceName", max: 128 },
  { name: "postalCode", max: 40 },
  { name: "countryName", max: 2 },
  { name: "country", max: 2 },
  { name: "dunsNumber", max: 20 },
  // 003 v1.31: companyNumber max raised from 25 to 64.
  { name: "companyNumber", max: 64 },
  { name: "BusinessCategory", max: 1 },
  { name: "title", max: 64 },
  { name: "name", max: 128 },
  { name: "foreName", max: 64 },
  { name: "surName", max: 64 },
  { name: "emailAddress", max: 255 },
  { name: "telephoneNumber", max: 32 },
  { name: "faxNumber", max: 32 },
  { name: "licenceCode", max: 255 },
  { name: "domainName", max: 64 },
];

/** Documented parameters that only concern EV / eIDAS / SSL products: -83 on a SiteLock order. */
export const NOT_FOR_SITELOCK: readonly ParamSpec[] = [
  { name: "joiLocalityName", max: 128 },
  { name: "joiStateOrProvinceName", max: 128 },
  { name: "joiCountryName", max: 2 },
  { name: "dateOfIncorporation", max: 10 },
  { name: "AssumedName", max: 64 },
  { name: "organizationIdentifier", max: 100 },
  { name: "semanticsIdentifier", max: 100 },
  { name: "ncaIdentifier", max: 100 },
  { name: "ncaName", max: 100 },
  { name: "applicationName", max: 64 },
  { name: "accountServicingRole", max: 1 },
  { name: "paymentInitiationRole", max: 1 },
  { name: "accountInformationRole", max: 1 },
  { name: "paymentServiceRole", max: 1 },
  { name: "disableSWP", max: 1 },
];

/** Item fields that apply to SiteLock items. */
export const ITEM_FIELDS = ["ID", "PPP", "visibility", "days", "quantity", "domainName", "showCollectionCode"] as const;

/** Documented item fields of other products (certificates, HackerGuardian, ...): -83 on SiteLock items. */
export const FOREIGN_ITEM_FIELDS = [
  "seats", "users", "servers", "zones", "dcvEmailAddress", "IPAddress", "MACAddress", "smartCardBased",
  "webserverSoftwareID", "csr", "privateKeyFilename", "contactEmailAddress", "caCertificateID", "signatureHash",
  "replaceOrder", "renewOrder", "isKeyProtected", "isKeyExportable", "cspName", "revokeOldOrder", "orderNumber",
  "IP Addresses",
] as const;

// x_dcvEmailAddress: 255, not the table's 32: it carries an email address (core/products/parameters.ts).
const ITEM_MAX: Record<string, number> = { domainName: 64, dcvEmailAddress: 255, IPAddress: 15, MACAddress: 17, smartCardBased: 1, showCollectionCode: 1 };

const CANONICAL = new Map(
  [...PLACE_ORDER_PARAMS, ...NOT_FOR_SITELOCK].map((s) => [s.name.toLowerCase(), s.name] as const),
);
const ITEM_CANONICAL = new Map([...ITEM_FIELDS, ...FOREIGN_ITEM_FIELDS].map((f) => [f.toLowerCase(), f] as const));

const ITEM_NAME = /^_?(\d{1,3})_(.+)$/;

export function canonicalName(raw: string): string {
  const top = CANONICAL.get(raw.toLowerCase());
  if (top) return top;
  const match = ITEM_NAME.exec(raw);
  if (match?.[1] && match[2]) {
    const field = ITEM_CANONICAL.get(match[2].toLowerCase());
    if (field) return `${Number(match[1])}_${field}`;
  }
  return raw;
}

export function normalizePlaceOrder(bag: ParamBag): ParamBag {
  return bag.rename(canonicalName);
}

export function isItemParam(name: string): boolean {
  const match = ITEM_NAME.exec(name);
  return Boolean(match?.[2] && ITEM_CANONICAL.has(match[2].toLowerCase()));
}

export function itemMax(name: string): number | undefined {
  const field = ITEM_NAME.exec(name)?.[2];
  return field ? ITEM_MAX[field] : undefined;
}

export function splitItemParam(name: string): { n: number; field: string } | undefined {
  const match = ITEM_NAME.exec(name);
  if (!match?.[1] || !match[2]) return undefined;
  return { n: Number(match[1]), field: match[2] };
}

export { ParamBag };
