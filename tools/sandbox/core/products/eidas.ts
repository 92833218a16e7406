/**
 * eIDAS identifiers as "The !PlaceOrder API for Resellers" §1 describes them ("only relevant and required for
 * eIDAS products"), and its NCA table:
 * - organizationIdentifier, PSD2: "PSD" + 2-character ISO 3166-1 country of the NCA + "-" + 2-8 character NCA
 *   identifier (A-Z only) + "-" + PSP identifier ("no restrictions on the characters"), e.g. PSDFI-FINFSA-1234567-8;
 * - organizationIdentifier, otherwise: 3-character legal person identity type + 2-character ISO 3166 country +
 *   "-" + identifier, e.g. VATBE-0876866;
 * - semanticsIdentifier: 3-character natural person identity type + 2-character ISO 3166 country + "-" +
 *   identifier;
 * - ncaIdentifier: country + "-" + NCA identifier, one of the table's codes.
 * The document lists no identity types; the sandbox takes any three capital letters (sandbox decision).
 */
import { isIsoCountry } from "../countries";

/** The CODE column of §1's NCA table (AUTHORITY_NAME, COUNTRY_2CHAR not needed here). */
export const NCA_CODES: ReadonlySet<string> = new Set([
  "AT-FMA", "BE-NBB", "BG-BNB", "HR-HNB", "CY-CBC", "CZ-CNB", "DK-DFSA", "EE-FI", "FI-FINFSA", "FR-ACPR", "DE-BAFIN",
  "GR-BOG", "HU-CBH", "IS-FME", "IE-CBI", "IT-BI", "LI-FMA", "LV-FCMC", "LT-BL", "LU-CSSF", "NO-FSA", "MT-MFSA",
  "NL-DNB", "PL-PFSA", "PT-BP", "RO-NBR", "SK-NBS", "SI-BS", "ES-BE", "SE-FINA",
]);

const TYPED = /^([A-Z]{3})([A-Z]{2})-(\S.*)$/;
const PSD2 = /^PSD([A-Z]{2})-([A-Z]{2,8})-(\S.*)$/;

export function organizationIdentifierOk(value: string): boolean {
  const m = TYPED.exec(value);
  if (!m || !isIsoCountry(m[2] as string)) return false;
  return m[1] !== "PSD" || PSD2.test(value);
}

export function semanticsIdentifierOk(value: string): boolean {
  const m = TYPED.exec(value);
  return m !== null && isIsoCountry(m[2] as string);
}

/** The NCA a PSD2 organizationIdentifier names ("FI-FINFSA"), or undefined when it is not in that structure. */
export function psd2Nca(value: string): string | undefined {
  const m = PSD2.exec(value);
  return m ? `${m[1]}-${m[2]}` : undefined;
}
