/**
 * eIDAS identifiers ("The !PlaceOrder API for Resellers" §1) and the National Competent Authorities of PSD2.
 * Structures follow ETSI EN 319 412-1 §5.1.3/5.1.4 as quoted by the seed:
 *   organizationIdentifier (non-PSD2): 3-letter legal person identity type + ISO 3166 country + "-" + identifier, e.g. VATBE-0876866
 *   organizationIdentifier (PSD2):     "PSD" + NCA country + "-" + NCA id (2-8 A-Z) + "-" + authorisation number, e.g. PSDFI-FINFSA-1234567-8
 *   semanticsIdentifier:               3-letter natural person identity type + ISO 3166 country + "-" + identifier
 */
import { isCountryCode } from "./countries";

/** ETSI EN 319 412-1 §5.1.4 legal person identity types. */
export const LEGAL_IDENTITY_TYPES = ["VAT", "NTR", "PSD", "LEI"] as const;
/** ETSI EN 319 412-1 §5.1.3 natural person identity types. */
export const NATURAL_IDENTITY_TYPES = ["PAS", "IDC", "PNO", "TIN"] as const;

const LEGAL_RE = /^(VAT|NTR|PSD|LEI)([A-Z]{2})-(\S.*)$/;
const NATURAL_RE = /^(PAS|IDC|PNO|TIN)([A-Z]{2})-(\S.*)$/;
const PSD2_RE = /^PSD([A-Z]{2})-([A-Z]{2,8})-(\S.*)$/;
export const NCA_ID_RE = /^([A-Z]{2})-([A-Z]{2,8})$/;

/** `LEIXG-…`: ETSI uses the pseudo-country XG for LEIs, which is no ISO 3166 code. */
const countryOk = (type: string, cc: string) => isCountryCode(cc) || (type === "LEI" && cc === "XG");

export function checkOrganizationIdentifier(value: string): string | undefined {
  const m = LEGAL_RE.exec(value);
  if (!m) return "Use the form TYPE + country + \"-\" + identifier, e.g. VATBE-0876866 (TYPE is VAT, NTR, PSD or LEI).";
  if (!countryOk(m[1] as string, m[2] as string)) return `${m[2]} is not an ISO 3166 country code.`;
  if (m[1] === "PSD" && !PSD2_RE.test(value)) return "A PSD identifier reads PSD + country + \"-\" + NCA id + \"-\" + authorisation number, e.g. PSDFI-FINFSA-1234567-8.";
  return undefined;
}

/** For PSD2 products: the PSD2 structure, and the NCA it names. */
export function parsePsd2Identifier(value: string): { country: string; nca: string; psp: string } | undefined {
  const m = PSD2_RE.exec(value);
  return m ? { country: m[1] as string, nca: m[2] as string, psp: m[3] as string } : undefined;
}

export function checkSemanticsIdentifier(value: string): string | undefined {
  const m = NATURAL_RE.exec(value);
  if (!m) return "Use the form TYPE + country + \"-\" + identifier, e.g. PNOBE-12345678 (TYPE is PAS, IDC, PNO or TIN).";
  if (!isCountryCode(m[2] as string)) return `${m[2]} is not an ISO 3166 country code.`;
  return undefined;
}

export interface Nca {
  id: string;
  name: string;
  country: string;
}

/**
 * The NCA table of "The !PlaceOrder API for Resellers" §1. DECISION D22: the page break cut the Luxembourg name ("Commission for the
 * Supervision…", completed from the CSSF's own name) and left a stray "'IT DI' Commission'" line, which is the
 * second line of the Latvian row, not a second Italian NCA.
 */
export const NCAS: readonly Nca[] = [
  { id: "AT-FMA", name: "Austrian Financial Market Authority", country: "AT" },
  { id: "BE-NBB", name: "National Bank of Belgium", country: "BE" },
  { id: "BG-BNB", name: "Bulgarian National Bank", country: "BG" },
  { id: "HR-HNB", name: "Croatian National Bank", country: "HR" },
  { id: "CY-CBC", name: "Central Bank of Cyprus", country: "CY" },
  { id: "CZ-CNB", name: "Czech National Bank", country: "CZ" },
  { id: "DK-DFSA", name: "Danish Financial Supervisory Authority", country: "DK" },
  { id: "EE-FI", name: "Estonia Financial Supervisory Authority", country: "EE" },
  { id: "FI-FINFSA", name: "Finnish Financial Supervisory Authority", country: "FI" },
  { id: "FR-ACPR", name: "Prudential Supervisory and Resolution Authority", country: "FR" },
  { id: "DE-BAFIN", name: "Federal Financial Supervisory Authority", country: "DE" },
  { id: "GR-BOG", name: "Bank of Greece", country: "GR" },
  { id: "HU-CBH", name: "Central Bank of Hungary", country: "HU" },
  { id: "IS-FME", name: "Financial Supervisory Authority", country: "IS" },
  { id: "IE-CBI", name: "Central Bank of Ireland", country: "IE" },
  { id: "IT-BI", name: "Bank of Italy", country: "IT" },
  { id: "LI-FMA", name: "Financial Market Authority Liechtenstein", country: "LI" },
  { id: "LV-FCMC", name: "Financial and Capital Markets Commission", country: "LV" },
  { id: "LT-BL", name: "Bank of Lithuania", country: "LT" },
  { id: "LU-CSSF", name: "Commission for the Supervision of the Financial Sector", country: "LU" },
  { id: "NO-FSA", name: "The Financial Supervisory Authority of Norway", country: "NO" },
  { id: "MT-MFSA", name: "Malta Financial Services Authority", country: "MT" },
  { id: "NL-DNB", name: "The Netherlands Bank", country: "NL" },
  { id: "PL-PFSA", name: "Polish Financial Supervision Authority", country: "PL" },
  { id: "PT-BP", name: "Bank of Portugal", country: "PT" },
  { id: "RO-NBR", name: "National Bank of Romania", country: "RO" },
  { id: "SK-NBS", name: "National Bank of Slovakia", country: "SK" },
  { id: "SI-BS", name: "Bank of Slovenia", country: "SI" },
  { id: "ES-BE", name: "Bank of Spain", country: "ES" },
  { id: "SE-FINA", name: "Swedish Financial Supervisory Authority", country: "SE" },
];

export const NCA_IDS = NCAS.map((n) => n.id);
