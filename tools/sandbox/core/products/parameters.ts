/**
 * Which parameters each "must supply" tag of the product table stands for, and what a value must look like,
 * from "The !PlaceOrder API for Resellers" §1 "Request" (names, types, max. lengths, permitted values) and §7.
 * Names are Sectigo's (case insensitive on the wire; here as the sandbox's PlaceOrder table spells them).
 * Item parameters (`x_...`) are written without the `x_`: item n's CSR is `n_csr`.
 */
import type { Need } from "./place-order-table";

export type ValueKind =
  | { kind: "text"; max?: number }
  | { kind: "email" }
  | { kind: "yn" }
  | { kind: "country" }
  | { kind: "date" }
  | { kind: "one-of"; values: readonly string[] }
  | { kind: "csr" }
  | { kind: "dcv" }
  | { kind: "organization-id" }
  | { kind: "semantics-id" }
  | { kind: "nca" };

export interface ParamRule {
  name: string;
  item: boolean;
  required: boolean;
  value: ValueKind;
}

const text = (max?: number): ValueKind => (max === undefined ? { kind: "text" } : { kind: "text", max });
const top = (name: string, required: boolean, value: ValueKind): ParamRule => ({ name, item: false, required, value });
const item = (name: string, required: boolean, value: ValueKind): ParamRule => ({ name, item: true, required, value });

/** §1 x_signatureHash (Code Signing's "may also be provided"). */
export const SIGNATURE_HASHES = ["NO_PREFERENCE", "INFER_FROM_CSR", "PREFER_SHA2", "PREFER_SHA1", "REQUIRE_SHA2"] as const;
/** §1 x_webserverSoftwareID: 2, 10, 14, 35, 36, 18, 30, 31, -1. */
export const WEBSERVER_SOFTWARE_IDS = ["2", "10", "14", "35", "36", "18", "30", "31", "-1"] as const;
/**
 * §1 x_dcvEmailAddress: an approver address or "HTTP CSR Hash", "HTTPS CSR Hash", "CNAME CSR Hash" (printed
 * with spaces; compared without them), default EMAIL. Its "32 chars" cannot hold an email address: the
 * sandbox allows 255 (the email limit).
 */
export const DCV_METHODS = ["EMAIL", "HTTPCSRHASH", "HTTPSCSRHASH", "CNAMECSRHASH"] as const;
export const HTTP_DCV_METHODS: readonly string[] = ["HTTPCSRHASH", "HTTPSCSRHASH"];
/** §1 BusinessCategory: b Private Organization, c Government Entity, d Business Entity. */
const BUSINESS_CATEGORIES = ["b", "c", "d"] as const;

export const PSD2_ROLES = ["accountServicingRole", "paymentInitiationRole", "accountInformationRole", "paymentServiceRole"] as const;

/** The parameters of each tag: required, or "may also be provided". */
export const NEED_PARAMS: Readonly<Record<Need, readonly ParamRule[]>> = {
  login: [],
  // emailAddress makes the customer new (§1); the sandbox keys its customers by it, so it asks for it on every
  // product: a returning customer is named by the same address.
  email: [top("emailAddress", true, { kind: "email" }), top("foreName", false, text(64)), top("surName", false, text(64)), top("telephoneNumber", false, text(32))],
  names: [top("foreName", true, text(64)), top("surName", true, text(64))],
  title: [top("title", true, text(64))],
  "company-address": [
    top("organizationName", true, text(64)),
    top("organizationalUnitName", false, text(64)),
    top("postOfficeBox", false, text(40)),
    top("streetAddress1", true, text(128)),
    top("streetAddress2", false, text(128)),
    top("streetAddress3", false, text(128)),
    // "State or Province Name may be omitted if Locality Name is specified, and vice versa": a rule, not a field.
    top("localityName", false, text(128)),
    top("stateOrProvinceName", false, text(128)),
    top("postalCode", true, text(40)),
    top("countryName", true, { kind: "country" }),
    top("companyNumber", false, text(64)),
    top("dunsNumber", false, text(20)),
  ],
  "hg-person": [top("streetAddress1", true, text(128)), top("localityName", true, text(128)), top("foreName", true, text(64)), top("surName", true, text(64))],
  csr: [item("csr", true, { kind: "csr" })],
  "code-signing-options": [
    item("privateKeyFilename", false, text()),
    item("contactEmailAddress", false, { kind: "email" }),
    item("signatureHash", false, { kind: "one-of", values: SIGNATURE_HASHES }),
  ],
  "tls-options": [
    item("dcvEmailAddress", false, { kind: "dcv" }),
    item("webserverSoftwareID", false, { kind: "one-of", values: WEBSERVER_SOFTWARE_IDS }),
    item("signatureHash", false, { kind: "one-of", values: SIGNATURE_HASHES }),
  ],
  "ev-company": [
    top("joiLocalityName", false, text(128)),
    top("joiStateOrProvinceName", false, text(128)),
    top("joiCountryName", false, { kind: "country" }),
    top("dateOfIncorporation", false, { kind: "date" }),
    top("AssumedName", false, text(64)),
    top("BusinessCategory", false, { kind: "one-of", values: BUSINESS_CATEGORIES }),
  ],
  etoken: [],
  "etoken-on-request": [item("smartCardBased", false, { kind: "yn" })],
  "pac-options": [
    item("replaceOrder", false, { kind: "yn" }),
    item("renewOrder", false, { kind: "yn" }),
    item("isKeyProtected", false, { kind: "yn" }),
    item("isKeyExportable", false, { kind: "yn" }),
    item("cspName", false, text()),
    item("revokeOldOrder", false, { kind: "yn" }),
    item("orderNumber", false, text()),
  ],
  "semantics-id": [top("semanticsIdentifier", true, { kind: "semantics-id" })],
  "organization-id": [top("organizationIdentifier", true, { kind: "organization-id" })],
  psd2: [top("ncaIdentifier", true, { kind: "nca" }), top("ncaName", false, text(100)), ...PSD2_ROLES.map((r) => top(r, true, { kind: "yn" }))],
  "application-name": [top("applicationName", false, text(64))],
};

/** "for Returning customers these parameters are taken from database" (HackerGuardian, §7), and §1's address note. */
export const FROM_RETURNING_CUSTOMER: ReadonlySet<string> = new Set(["organizationName", "streetAddress1", "localityName", "postalCode", "countryName", "foreName", "surName"]);

/** The parameters of a product's tags, merged: a parameter any tag requires is required. */
export function paramsOf(needs: readonly Need[]): ParamRule[] {
  const merged = new Map<string, ParamRule>();
  for (const need of needs) {
    for (const rule of NEED_PARAMS[need]) {
      const known = merged.get(rule.name);
      merged.set(rule.name, known ? { ...known, required: known.required || rule.required } : rule);
    }
  }
  return [...merged.values()];
}
