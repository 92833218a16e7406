/**
 * The shape of the product catalog: typed data, versioned with the app. Prices are not here: buy and
 * sell prices, currency and the enabled flag of each plan live in the database (edited by an ADMIN).
 */

/** How an order for the product reaches Sectigo. */
export type OrderApi = "PlaceOrder" | "AutoApplyOrder";

export type FamilyKey =
  | "sitelock"
  | "sitelock-addons"
  | "sectigossl"
  | "enterprisessl"
  | "positivessl"
  | "code-signing"
  | "document-signing"
  | "pdf-signing"
  | "personal-authentication"
  | "hackerguardian"
  | "hackerproof"
  | "payment-credential-cvc"
  | "sectigo-web"
  | "web-dns"
  | "eidas"
  | "qwac"
  | "etoken";

export interface Family {
  key: FamilyKey;
  name: string;
}

/** A companion item that rides along in the same PlaceOrder order (`y_PPP=3450&y_visibility=0`). */
export interface CompanionItem {
  ppp: number;
  visibility: -1 | 0;
}

/**
 * One orderable term (or option) of a product. `ppp` is the PlaceOrder "product pricing parameter"
 * (`x_PPP`); AutoApplyOrder products are ordered by product ID + `days` and carry the PPP only where
 * the PlaceOrder table also lists that term (ordering URLs).
 */
export interface Term {
  label: string;
  /** null: a one-off service or an option whose duration follows something else. */
  days: number | null;
  ppp?: number;
  /** Fixed item parameters that come with this code (`x_IP Addresses=5`). */
  itemParams?: Readonly<Record<string, string>>;
  /** Items the order must carry with this term (HackerGuardian PCI's free CVC, `y_PPP`). */
  companions?: readonly CompanionItem[];
  /** Who may order this term, when the table restricts it. */
  restriction?: string;
}

export type SiteLockKind = "base" | "addon" | "bundle" | "service";
export type AddOnFamily = "backup" | "dns" | "trueshield";

/** SiteLock data for AutoApplyOrder (Sectigo's "SRA integration API overview", products and add-ons). */
export interface SiteLockInfo {
  kind: SiteLockKind;
  /** Free 0 < Basic 1 < Pro 2 < Business 3. */
  tier?: number;
  /** Add-on product IDs a license of this plan may take. */
  addOns?: readonly number[];
  addOnFamily?: AddOnFamily;
  /** Backup GB or DNS level: within a family a larger value replaces a smaller one. */
  capacity?: number;
}

/** Keys of the order fields (lib/catalog/fields.ts holds their labels, types and parameter names). */
export type FieldKey =
  | "emailAddress"
  | "title"
  | "forename"
  | "surname"
  | "telephoneNumber"
  | "loginName"
  | "loginPassword"
  | "organizationName"
  | "organizationalUnitName"
  | "postOfficeBox"
  | "streetAddress1"
  | "streetAddress2"
  | "streetAddress3"
  | "localityName"
  | "stateOrProvinceName"
  | "postalCode"
  | "countryName"
  | "dunsNumber"
  | "companyNumber"
  | "joiLocalityName"
  | "joiStateOrProvinceName"
  | "joiCountryName"
  | "dateOfIncorporation"
  | "assumedName"
  | "businessCategory"
  | "domainName"
  | "previousOrderNumber"
  | "enableAutoRenew"
  | "appRepEmailAddress"
  | "appRepForename"
  | "appRepSurname"
  | "appRepTelephone"
  | "csr"
  | "signatureHash"
  | "webserverSoftwareId"
  | "dcvMethod"
  | "dcvEmailAddress"
  | "privateKeyFilename"
  | "contactEmailAddress"
  | "smartCardBased"
  | "shipping"
  | "replaceOrder"
  | "renewOrder"
  | "isKeyProtected"
  | "isKeyExportable"
  | "cspName"
  | "revokeOldOrder"
  | "orderNumber"
  | "organizationIdentifier"
  | "semanticsIdentifier"
  | "ncaIdentifier"
  | "ncaName"
  | "applicationName"
  | "accountServicingRole"
  | "paymentInitiationRole"
  | "accountInformationRole"
  | "paymentServiceRole"
  | "addOns"
  | "sslProductId"
  | "customerValidated"
  | "csrPriority"
  /** SiteLock through PlaceOrder with reseller=N: Sectigo charges the customer (lib/catalog/sitelock-place-order.ts). */
  | "sectigoChargesCustomer";

export type Requirement = "required" | "optional";

/** Rules the schema applies on top of per-field required/optional (lib/catalog/schema.ts). */
export type ProductRule =
  /** localityName or stateOrProvinceName (PlaceOrder v1.23). */
  | "address-locality-or-state"
  /** eToken (495) and one shipping code (496-498) travel with the order. */
  | "etoken-always"
  /** eToken and shipping only when `smartCardBased` is ticked. */
  | "etoken-if-smartcard"
  /** HTTP(S) CSR hash DCV is refused for wildcard domains (-126). */
  | "wildcard-no-http-dcv"
  /** x_orderNumber when x_replaceOrder or x_renewOrder is Y. */
  | "order-number-for-replace-or-renew"
  /** organizationIdentifier in the PSD2 structure, matching ncaIdentifier; at least one role. */
  | "psd2"
  /** At most one add-on per add-on family, each one allowed for the plan. */
  | "sitelock-addons"
  /** SSL with the bundle: the chosen certificate sells the term; a wildcard domain only with a wildcard certificate. */
  | "ssl-bundle"
  /**
   * "Sectigo charges the customer" (PlaceOrder, reseller=N, "SiteLock license"): a new SiteLock account (no previous
   * order number), add-ons only on a term PlaceOrder sells them for, no renewal from our funds.
   */
  | "sitelock-place-order";

export interface CsrPolicy {
  /** Smallest RSA modulus accepted, in bits. */
  minRsaBits: number;
}

export interface Product {
  /** Stable slug, used in URLs and as the form's product value. */
  key: string;
  name: string;
  family: FamilyKey;
  api: OrderApi;
  /** AutoApplyOrder `product` (SiteLock); PlaceOrder products are ordered by their term's `ppp`. */
  productId?: number;
  /** The PlaceOrder table's name when it differs from `name`. */
  placeOrderName?: string;
  terms: readonly Term[];
  fields: Readonly<Partial<Record<FieldKey, Requirement>>>;
  rules?: readonly ProductRule[];
  csr?: CsrPolicy;
  wildcard?: boolean;
  /** false: only ordered alongside another product (eToken, shipping, the SSL PLUS SiteLock Bundle). */
  orderable: boolean;
  sitelock?: SiteLockInfo;
  /** Short sentence from the source's "Additional notes" column, shown next to the picker. */
  note?: string;
}
