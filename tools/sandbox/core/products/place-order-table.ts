/**
 * The sandbox's PlaceOrder product table, transcribed from Sectigo's documents, not from the app:
 * "The !PlaceOrder API for Resellers", section 7 "Product-Specific Parameters" (the table "Product Name /
 * Payment Description | Product-Specific Parameters | Additional Notes", in the order printed), and the newer
 * "SiteLock license" PlaceOrder page (docs.sectigo.com, "Product-specific parameters") for the SiteLock rows
 * (those live in sitelock-table.ts). `needs` is the "Additional Notes" column ("All ... customers must
 * supply: ...") in short tags (parameters.ts says which parameters each tag stands for).
 *
 * Where the printed table is garbled, the row says what the sandbox reads and why ("Reading:"). The app's
 * catalog (lib/catalog) reads the same document on its own; tests/sectigo/sandbox/product-table-agreement.test.ts
 * compares the two readings product by product.
 */

/** Groups of the table, as the sandbox names them (the document prints no family column). */
export type Line =
  | "ssl"
  | "code-signing"
  | "document-signing"
  | "pdf-signing"
  | "personal-authentication"
  | "hackerguardian"
  | "hackerproof"
  | "payment-credential-cvc"
  | "web-security"
  | "web-dns"
  | "eidas"
  | "qwac"
  | "etoken";

/** One "must supply" clause of the Additional Notes column, or a §1 rule that applies to the product. */
export type Need =
  /**
   * "must supply: loginName and loginPassword": an account-based product. The reseller's own login is sent on
   * every call (the newer SiteLock PlaceOrder page: "Your account username"), so nothing more is asked; a
   * returning customer's address and names come from Sectigo's records.
   */
  | "login"
  /** "must supply: emailAddress". */
  | "email"
  /** "forename, surname". */
  | "names"
  /** "title". */
  | "title"
  /** "Full Company Name + Address details" (§1: state may be omitted if locality is given, and vice versa). */
  | "company-address"
  /** HackerGuardian: "streetAddress1, localityName, foreName and surName are also required (for Returning customers these parameters are taken from database)". */
  | "hg-person"
  /** "must supply: x_csr" (software Code Signing), and the TLS certificates' CSR. */
  | "csr"
  /** Code Signing's "may also be provided": x_privateKeyFilename, x_contactEmailAddress, x_signatureHash. */
  | "code-signing-options"
  /** §1's per-item TLS options: x_dcvEmailAddress, x_webserverSoftwareID (and x_signatureHash). */
  | "tls-options"
  /** §1 "Only for EV Certificates": joi*, dateOfIncorporation, AssumedName, BusinessCategory. */
  | "ev-company"
  /** "etoken-based only": the order carries the eToken (495) and one shipping code (496-498). */
  | "etoken"
  /** x_smartCardBased=Y asks for a token: then the eToken and shipping codes too. */
  | "etoken-on-request"
  /** Personal Authentication's "may also be provided" list (x_replaceOrder ... x_orderNumber). */
  | "pac-options"
  /** §1 eIDAS: semanticsIdentifier (natural persons). */
  | "semantics-id"
  /** §1 eIDAS: organizationIdentifier (legal persons and employees). */
  | "organization-id"
  /** §1 eIDAS: ncaIdentifier, ncaName and the four roles (PSD2). */
  | "psd2"
  /** §1 eIDAS: applicationName, optional for seals. */
  | "application-name";

export interface PlaceOrderProduct {
  /** As printed in the first column. */
  name: string;
  line: Line;
  needs: readonly Need[];
  /** Rows under the name: [label as printed, x_PPP]. */
  rows: ReadonlyArray<readonly [string, number]>;
  /** A wildcard product (its name says so): the CSR names `*.domain`. */
  wildcard?: boolean;
  /** x_PPP=3461&y_PPP=3450&y_visibility=0: the free companion code per row, same order as `rows`. */
  companions?: readonly number[];
  /** `x_IP%20Addresses=N` per row, same order as `rows`. */
  ipAddresses?: readonly number[];
  /** Rows that are not ordered alone (eToken, shipping: "you must also specify ... their codes"). */
  companionOnly?: boolean;
}

const YEARS = ["1-year", "2-year", "3-year", "4-year", "5-year"] as const;
const DAYS_30_TO_5Y = ["30-day", "45-day", "90-day", ...YEARS] as const;

/** Rows labelled 1-year, 2-year, ... with the codes in the order printed. */
function years(...codes: number[]): Array<readonly [string, number]> {
  return codes.map((code, i) => [YEARS[i] as string, code] as const);
}

function labelled(labels: readonly string[], codes: number[]): Array<readonly [string, number]> {
  return codes.map((code, i) => [labels[i] as string, code] as const);
}

const TLS_DV: readonly Need[] = ["email", "csr", "tls-options"];
const TLS_OV: readonly Need[] = ["email", "company-address", "csr", "tls-options"];
const TLS_EV: readonly Need[] = ["email", "company-address", "ev-company", "csr", "tls-options"];
const HG: readonly Need[] = ["login", "email", "company-address", "hg-person"];
const WEB: readonly Need[] = ["email"];

export const PLACE_ORDER_TABLE: readonly PlaceOrderProduct[] = [
  // Reading: the table lists no customer fields for EV Code Signing; an EV certificate validates the
  // organisation, so the sandbox asks for the company and its address (§1 "Only for EV Certificates").
  { name: "EV Code Signing Certificate", line: "code-signing", needs: ["email", "company-address", "ev-company", "etoken"], rows: years(1535, 1536, 1537) },
  // Reading: "x PPP=1511" is x_PPP=1511 (underscore lost); 3-year = 1509, 4-year = 1534, 5-year = 1508 as printed.
  // "All etoken-based Code Signing Certificate customers must supply x_smartCardBased": none is sold as
  // etoken-based here except EV (the software product asks for x_csr).
  { name: "Code Signing Certificate", line: "code-signing", needs: ["login", "email", "company-address", "csr", "code-signing-options"], rows: years(1511, 1512, 1509, 1534, 1508) },
  // The eToken block, printed three times (after Code Signing, Document Signing and eIDAS): one product each.
  { name: "eToken", line: "etoken", needs: [], rows: [["eToken Cost", 495]], companionOnly: true },
  { name: "Shipping Cost", line: "etoken", needs: [], rows: [["Standard Shipping", 496], ["Expedited Shipping", 497], ["International Shipping", 498]], companionOnly: true },
  { name: "Sectigo HackerGuardian Trial PCI Scanning Service", line: "hackerguardian", needs: HG, rows: [["45-day Full License", 3460]] },
  {
    name: "Sectigo HackerGuardian PCI Scan Control Center",
    line: "hackerguardian",
    needs: HG,
    rows: labelled(["1-year Full License", "2-year Full License", "3-year Full License"], [3461, 3462, 3463]),
    companions: [3450, 3452, 3453],
  },
  {
    name: "Sectigo HackerGuardian PCI Scan Control Center Enterprise",
    line: "hackerguardian",
    needs: HG,
    rows: labelled(["1-year Full License", "2-year Full License", "3-year Full License"], [3473, 3474, 3475]),
    companions: [3430, 3432, 3433],
  },
  // Version history 1.24: "Duration removed: matches the scanning licence" (1.19 had given them 1 year).
  {
    name: "HackerGuardian Additional IP Addresses Pack",
    line: "hackerguardian",
    needs: HG,
    rows: labelled(["1 IP Address", "5 IP Addresses", "10 IP Addresses", "50 IP Addresses", "100 IP Addresses", "500 IP Addresses", "1000 IP Addresses"], [3482, 3483, 3484, 3485, 3486, 3487, 3488]),
    ipAddresses: [1, 5, 10, 50, 100, 500, 1000],
  },
  { name: "Comodo HackerGuardian SAQ License", line: "hackerguardian", needs: HG, rows: years(5100) },
  { name: "Comodo HackerProof Trust Mark including Daily Vulnerability Scanning", line: "hackerproof", needs: ["login", "email", "company-address"], rows: labelled(["1-year Full License", "2-year Full License", "3-year Full License"], [503, 504, 510]) },
  {
    name: "Payment Credential CVC",
    line: "payment-credential-cvc",
    needs: ["login", "email", "company-address"],
    rows: labelled(
      ["30-day Trial", "1-year, 1-Logo", "2-year, 1-Logo", "3-year, 1-Logo", "1-year, 3-Logos", "1-year, 3-Logos (FREE for HackerGuardian PCI customers)", "2-year, 3-Logos", "2-year, 3-Logos (FREE for HackerGuardian PCI customers)", "3-year, 3-Logos", "3-year, 3-Logos (FREE for HackerGuardian PCI customers)", "1-year, Wildcard-Logos", "2-year, Wildcard-Logos", "3-year, Wildcard-Logos"],
      [4300, 4000, 4010, 4020, 4100, 4107, 4110, 4117, 4120, 4127, 4200, 4210, 4220],
    ),
  },
  // Reading: the code column is shifted ("1 1/200 5029", "1-year 5030", "2-year 5031", "3-year" empty): 1-3 years = 5029-5031.
  { name: "Personal Authentication Certificate", line: "personal-authentication", needs: ["email", "pac-options"], rows: years(5029, 5030, 5031) },
  { name: "Personal Authentication Pro Certificate", line: "personal-authentication", needs: ["email", "names", "pac-options"], rows: years(5032, 5033, 5034) },
  { name: "Personal Authentication Enterprise Certificate", line: "personal-authentication", needs: ["email", "title", "names", "company-address", "pac-options"], rows: years(5035, 5036, 5037) },
  // Reading: "x_PPPP=5040" is x_PPP=5040.
  { name: "PDF-Signing Certificate", line: "pdf-signing", needs: ["email"], rows: years(5038, 5039, 5040) },
  // Reading: no customer fields printed; an organisation-validated certificate: company + address.
  { name: "Sectigo Document Signing Certificate on Azure", line: "document-signing", needs: ["email", "company-address"], rows: years(6050, 6051, 6052) },
  { name: "Sectigo Document Signing Certificate (Organization)", line: "document-signing", needs: ["email", "company-address", "etoken"], rows: years(6053, 6054, 6055) },
  { name: "SectigoSSL Pro DV", line: "ssl", needs: TLS_DV, rows: years(9401, 9406, 9411, 9416, 9421) },
  { name: "SectigoSSL Pro Wildcard DV", line: "ssl", needs: TLS_DV, rows: years(9402, 9407, 9412, 9417, 9422), wildcard: true },
  { name: "SectigoSSL Pro OV", line: "ssl", needs: TLS_OV, rows: years(9426, 9431, 9436, 9441, 9446) },
  { name: "SectigoSSL Pro OV Wildcard", line: "ssl", needs: TLS_OV, rows: years(9427, 9432, 9437, 9442, 9447), wildcard: true },
  { name: "SectigoSSL Pro EV", line: "ssl", needs: TLS_EV, rows: years(9451, 9454, 9457, 9460, 9463) },
  { name: "SectigoSSL Premium DV", line: "ssl", needs: TLS_DV, rows: years(9467, 9472, 9477, 9482, 9487) },
  // Reading: "5-year" printed with no code, then "3-year x_PPP=9488": the family steps by 5, so 5-year = 9488.
  { name: "SectigoSSL Premium Wildcard DV", line: "ssl", needs: TLS_DV, rows: years(9468, 9473, 9478, 9483, 9488), wildcard: true },
  { name: "SectigoSSL Premium OV", line: "ssl", needs: TLS_OV, rows: years(9492, 9497, 9502, 9507, 9512) },
  { name: "SectigoSSL Premium OV Wildcard", line: "ssl", needs: TLS_OV, rows: years(9493, 9498, 9503, 9508, 9513), wildcard: true },
  { name: "SectigoSSL Premium EV", line: "ssl", needs: TLS_EV, rows: years(9517, 9520, 9523, 9526, 9529) },
  { name: "SectigoSSL Enterprise DV", line: "ssl", needs: TLS_DV, rows: years(9533, 9538, 9543, 9548, 9553) },
  { name: "SectigoSSL Enterprise Wildcard DV", line: "ssl", needs: TLS_DV, rows: years(9534, 9539, 9544, 9549, 9554), wildcard: true },
  { name: "Sectigo Web Monitor", line: "web-security", needs: WEB, rows: labelled(DAYS_30_TO_5Y, [9675, 9686, 9697, 9600, 9601, 9602, 9603, 9604]) },
  { name: "Sectigo Web Remediate", line: "web-security", needs: WEB, rows: labelled(DAYS_30_TO_5Y, [9676, 9687, 9698, 9605, 9606, 9607, 9608, 9609]) },
  { name: "Sectigo Web Perform", line: "web-security", needs: WEB, rows: labelled(DAYS_30_TO_5Y, [9677, 9688, 9699, 9610, 9611, 9612, 9613, 9614]) },
  { name: "Sectigo Web Complete", line: "web-security", needs: WEB, rows: labelled(DAYS_30_TO_5Y, [9678, 9689, 9700, 9615, 9616, 9617, 9618, 9619]) },
  { name: "Sectigo Web Remediate Partner", line: "web-security", needs: WEB, rows: labelled(DAYS_30_TO_5Y, [9717, 9718, 9719, 9720, 9721, 9722, 9723, 9724]) },
  { name: "Sectigo Web Perform Partner", line: "web-security", needs: WEB, rows: labelled(DAYS_30_TO_5Y, [9725, 9726, 9727, 9728, 9729, 9730, 9731, 9732]) },
  { name: "Sectigo Web Complete Partner", line: "web-security", needs: WEB, rows: labelled(DAYS_30_TO_5Y, [9733, 9734, 9735, 9736, 9737, 9738, 9739, 9740]) },
  // "must supply: EmailAddress": parameter names are case insensitive (§1).
  { name: "Sectigo Web One Time Remediate", line: "web-security", needs: WEB, rows: years(9892) },
  // Reading: "SectigoSSL Enterprise DV" / "... Wildcard DV" are printed a second time here, with other codes,
  // at the head of the "SectigoSSL EnterpriseSSL OV / Wildcard OV / EV" rows. A code is one product and
  // WebHostReport names a license by its product: two products of one name could not be told apart. This
  // block is read as the EnterpriseSSL line's DV products ("SSL" lost from the name).
  { name: "SectigoSSL EnterpriseSSL DV", line: "ssl", needs: TLS_DV, rows: years(9741, 9742, 9743, 9744, 9745) },
  { name: "SectigoSSL EnterpriseSSL Wildcard DV", line: "ssl", needs: TLS_DV, rows: years(9746, 9747, 9748, 9749, 9750), wildcard: true },
  { name: "SectigoSSL EnterpriseSSL OV", line: "ssl", needs: TLS_OV, rows: years(9781, 9787, 9793, 9799, 9805) },
  { name: "SectigoSSL EnterpriseSSL Wildcard OV", line: "ssl", needs: TLS_OV, rows: years(9783, 9789, 9795, 9801, 9807), wildcard: true },
  { name: "SectigoSSL EnterpriseSSL EV", line: "ssl", needs: TLS_EV, rows: years(9766, 9767, 9768, 9769, 9770) },
  { name: "PositiveSSL OV", line: "ssl", needs: TLS_OV, rows: years(9852, 9857, 9862, 9867, 9872) },
  { name: "PositiveSSL OV Wildcard", line: "ssl", needs: TLS_OV, rows: years(9853, 9858, 9863, 9868, 9873), wildcard: true },
  { name: "Web DNS Pro", line: "web-dns", needs: WEB, rows: labelled(DAYS_30_TO_5Y, [9971, 9972, 9973, 9974, 9975, 9976, 9977, 9978]) },
  // eIDAS (§7 "Certificates Issued to Natural Persons / Legal Persons"; §1 "only relevant and required for
  // eIDAS products"). Reading: §1 names product IDs 777-792 whose link to these names is not printed, so the
  // requirements go by certificate type: natural persons a semanticsIdentifier and their names; employees
  // also their organisation; legal persons an organizationIdentifier and the company address; PSD2 the NCA
  // and roles; seals an optional applicationName. "QSCD" in the name: the key "must reside on a QSCD" (a
  // token): eToken and shipping always; the other eIDAS certificates on request (x_smartCardBased).
  { name: "Citizen Qualified Certificate", line: "eidas", needs: ["email", "names", "semantics-id", "etoken-on-request"], rows: years(6501, 6502, 6503, 6504, 6505) },
  { name: "Citizen Qualified Certificate QSCD", line: "eidas", needs: ["email", "names", "semantics-id", "etoken"], rows: years(6511, 6512, 6513, 6514, 6515) },
  { name: "Employee Qualified Certificate", line: "eidas", needs: ["email", "names", "semantics-id", "company-address", "organization-id", "etoken-on-request"], rows: years(6521, 6522, 6523, 6524, 6525) },
  { name: "Employee Qualified Certificate QSCD", line: "eidas", needs: ["email", "names", "semantics-id", "company-address", "organization-id", "etoken"], rows: years(6531, 6532, 6533, 6534, 6535) },
  // QWACs: website certificates (a CSR and DCV, no token). 90-day codes out of pattern, kept as printed.
  { name: "QWAC Natural", line: "qwac", needs: ["email", "names", "semantics-id", "csr", "tls-options"], rows: labelled(["90-day", ...YEARS], [1249, 6621, 6622, 6623, 6624, 6625]) },
  { name: "QWAC Natural Multi-Domain", line: "qwac", needs: ["email", "names", "semantics-id", "csr", "tls-options"], rows: labelled(["90-day", ...YEARS], [4566, 6631, 6632, 6633, 6634, 6635]) },
  { name: "Seal Qualified Certificate", line: "eidas", needs: ["email", "company-address", "organization-id", "application-name", "etoken-on-request"], rows: years(6541, 6542, 6543, 6544, 6545) },
  { name: "Seal Qualified Certificate QSCD", line: "eidas", needs: ["email", "company-address", "organization-id", "application-name", "etoken"], rows: years(6551, 6552, 6553, 6554, 6555) },
  { name: "Seal for PSD2", line: "eidas", needs: ["email", "company-address", "organization-id", "application-name", "psd2", "etoken-on-request"], rows: years(6581, 6582, 6583, 6584, 6585) },
  { name: "Seal for PSD2 QSCD", line: "eidas", needs: ["email", "company-address", "organization-id", "application-name", "psd2", "etoken"], rows: years(6591, 6592, 6593, 6594, 6595) },
  { name: "QWAC Legal", line: "qwac", needs: ["email", "company-address", "organization-id", "csr", "tls-options"], rows: labelled(["90-day", ...YEARS], [1247, 6561, 6562, 6563, 6564, 6565]) },
  { name: "QWAC Legal Multi-Domain", line: "qwac", needs: ["email", "company-address", "organization-id", "csr", "tls-options"], rows: labelled(["90-day", ...YEARS], [4562, 6571, 6572, 6573, 6574, 6575]) },
  { name: "QWAC Legal for PSD2", line: "qwac", needs: ["email", "company-address", "organization-id", "psd2", "csr", "tls-options"], rows: labelled(["90-day", ...YEARS], [1248, 6601, 6602, 6603, 6604, 6605]) },
  { name: "QWAC Legal for PSD2 Multi-Domain", line: "qwac", needs: ["email", "company-address", "organization-id", "psd2", "csr", "tls-options"], rows: labelled(["90-day", ...YEARS], [4564, 6611, 6612, 6613, 6614, 6615]) },
];

/** Days of a row label: "1-year" 365, "45-day" 45; 0 for rows without a duration (eToken, shipping, IP packs). */
export function daysOfLabel(label: string): number {
  const year = /^(\d)-year/.exec(label);
  if (year) return Number(year[1]) * 365;
  const day = /^(\d+)-day/.exec(label);
  return day ? Number(day[1]) : 0;
}
