/**
 * `!AutoApplyOrder` request: the parameter table ("Ordering products" and the AutoApplyOrder reference "SiteLock license")
 * and its parsing into a typed request. Decisions where the documents disagree are noted per row.
 */
import type { Account } from "../../core/types";
import { productOf } from "../../core/catalog";
import { err } from "../../core/errors";
import type { CustomerDetails } from "../../core/orders";
import {
  checkParams,
  isDomainName,
  optionalCountry,
  optionalInt,
  optionalYN,
  orderNumberParam,
  type ParamBag,
  type ParamSpec,
} from "../../core/params";

export const AUTO_APPLY_PARAMS: readonly ParamSpec[] = [
  { name: "loginName", required: true, max: 64 },
  { name: "loginPassword", required: true, max: 128 },
  { name: "product", required: true, max: 64 },
  { name: "days" },
  // Decision: the SRA pages (newer) allow 32767 chars, the Partner Portal's 64.
  // The sandbox takes the SRA limit and additionally requires a valid DNS name (<= 253 chars) -> -4.
  { name: "domainName", required: true, max: 32767 },
  // Required by the tables; for SSL orders the SSL-bundle prose says a missing e-mail only means
  // "no bundle", so the requirement is enforced per flow (see auto-apply-order.ts).
  { name: "appRepEmailAddress", max: 255 },
  { name: "enableAutoRenew", max: 1 },
  { name: "organizationName", max: 64 },
  { name: "streetAddress1", max: 128 },
  { name: "localityName", max: 128 },
  { name: "stateOrProvinceName", max: 128 },
  { name: "postalCode", max: 40 },
  { name: "countryName", max: 2 },
  { name: "appRepForename", max: 64 },
  { name: "appRepSurname", max: 64 },
  { name: "appRepTelephone", max: 32 },
  // Names of these two rows were not legible (rows 9-10 of the AutoApplyOrder reference "SiteLock license"); accepted by
  // their names elsewhere in Sectigo's ordering API. [INFERENCE]
  { name: "appRepTitle", max: 64 },
  { name: "callbackMethod", max: 1 },
  { name: "appRepLoginName", max: 50 },
  { name: "appRepLoginPassword", max: 50 },
  { name: "previousOrderNumber", max: 20 },
  // Decision ("Renewing product licenses"): the SRA/PP prose says `previousOrder`, tables and curl say
  // `previousOrderNumber`. Accepting both is harmless; previousOrderNumber wins when both are sent.
  { name: "previousOrder", max: 20 },
  // Not in the SiteLock tables; Sectigo's AutoApplyOrder carries it for SSL and the app needs it for
  // reconciliation. Max 64 is the sandbox's choice.
  { name: "foreignOrderNumber", max: 64 },
  { name: "responseFormat", max: 1 },
  { name: "showCertificateID", max: 1 },
  { name: "showCertificateState", max: 1 },
  // Test mode (Sectigo's "SRA integration API overview"): dry run, nothing billed or created.
  { name: "test", max: 1 },
  // SSL PLUS SiteLock Bundle rows ("Ordering products").
  { name: "serverSoftware", max: 4 },
  { name: "isCustomerValidated", max: 1 },
  // Decision: "Ordering products" says csr max "64 chars", which no Base64 CSR fits — a doc slip; sandbox allows 32767.
  { name: "csr", max: 32767 },
  { name: "prioritiseCSRValues", max: 1 },
  { name: "disableSiteLock", max: 1 },
];

export interface AutoApplyRequest {
  account: Account;
  codes: number[];
  /** The one base product (or 911 service), if any. */
  base: number | undefined;
  addOns: number[];
  ssl: number[];
  bundle: boolean;
  days: number | undefined;
  domainName: string;
  email: string | undefined;
  /** undefined = not sent (new licenses then use the account default, existing ones keep theirs). */
  autoRenew: boolean | undefined;
  previousOrderNumber: string | undefined;
  foreignOrderNumber: string | null;
  test: boolean;
  disableSiteLock: boolean;
  showCertificateID: boolean;
  showCertificateState: boolean;
  details: CustomerDetails;
}

function parseProducts(value: string): number[] {
  const parts = value.split(",").map((p) => p.trim());
  if (parts.some((p) => !/^\d{1,9}$/.test(p))) throw err.invalid("product");
  const codes = parts.map(Number);
  if (new Set(codes).size !== codes.length || codes.some((c) => !productOf(c))) throw err.invalid("product");
  return codes;
}

export function parseAutoApply(bag: ParamBag, account: Account): AutoApplyRequest {
  const codes = parseProducts(bag.get("product") ?? "");
  const kinds = codes.map((c) => productOf(c)?.kind);
  const bases = codes.filter((_, i) => kinds[i] === "base" || kinds[i] === "service");
  if (bases.length > 1) throw err.oneMainLicense();
  const ssl = codes.filter((_, i) => kinds[i] === "ssl");
  const wildcardAllowed = ssl.some((c) => productOf(c)?.wildcard);
  const domainName = bag.get("domainName") ?? "";
  if (!isDomainName(domainName, wildcardAllowed)) throw err.invalid("domainName");
  const email = bag.get("appRepEmailAddress");
  if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw err.invalid("appRepEmailAddress");
  const days = optionalInt(bag, "days");
  if (days !== undefined && days <= 0) throw err.invalid("days");
  const responseFormat = bag.get("responseFormat");
  if (responseFormat !== undefined && responseFormat !== "0" && responseFormat !== "1") throw err.invalid("responseFormat");
  const prioritise = bag.get("prioritiseCSRValues");
  if (prioritise !== undefined && !["Y", "N", "P", "C"].includes(prioritise.toUpperCase())) throw err.invalid("prioritiseCSRValues");
  optionalYN(bag, "isCustomerValidated", false);
  optionalInt(bag, "serverSoftware");
  const previous = orderNumberParam(bag, "previousOrderNumber") ?? orderNumberParam(bag, "previousOrder");
  const address: Record<string, string> = {};
  for (const key of ["streetAddress1", "localityName", "stateOrProvinceName", "postalCode"]) {
    const value = bag.get(key);
    if (value !== undefined) address[key] = value;
  }
  return {
    account,
    codes,
    base: bases[0],
    addOns: codes.filter((_, i) => kinds[i] === "addon"),
    ssl,
    bundle: codes.includes(1072),
    days,
    domainName,
    email,
    autoRenew: bag.has("enableAutoRenew") ? optionalYN(bag, "enableAutoRenew", true) : undefined,
    previousOrderNumber: previous,
    foreignOrderNumber: bag.get("foreignOrderNumber") ?? null,
    test: optionalYN(bag, "test", false),
    disableSiteLock: optionalYN(bag, "disableSiteLock", false),
    showCertificateID: optionalYN(bag, "showCertificateID", false),
    showCertificateState: optionalYN(bag, "showCertificateState", false),
    details: {
      email: email ?? "",
      foreName: bag.get("appRepForename"),
      surName: bag.get("appRepSurname"),
      telephone: bag.get("appRepTelephone"),
      organizationName: bag.get("organizationName"),
      countryName: optionalCountry(bag, "countryName"),
      siteLockLogin: bag.get("appRepLoginName"),
      address,
    },
  };
}

export function checkAutoApplyParams(bag: ParamBag): void {
  checkParams(bag, AUTO_APPLY_PARAMS);
}
