/**
 * eIDAS qualified certificates and QWACs ("The !PlaceOrder API for Resellers" §1 "only relevant and required for eIDAS products", §7).
 * DECISION D20: the §1 text names Sectigo product IDs 777-792 whose mapping to the §7 names is not
 * printed (and is garbled); the requirements are assigned by certificate type instead:
 * natural person -> semanticsIdentifier; Employee and legal person -> organizationIdentifier;
 * PSD2 -> roles + NCA; Seal (incl. PSD2 seal) -> optional applicationName.
 */
import { CONTACT, ETOKEN, FULL_COMPANY_ADDRESS, TLS } from "../fields-sets";
import { daysTerm, years } from "../terms";
import type { FieldKey, FamilyKey, Product, ProductRule, Requirement, Term } from "../types";

type Fields = Partial<Record<FieldKey, Requirement>>;

const PERSON: Fields = { ...CONTACT, forename: "required", surname: "required", semanticsIdentifier: "required" };
const LEGAL: Fields = { ...CONTACT, ...FULL_COMPANY_ADDRESS, organizationIdentifier: "required" };
// PERSON last: LEGAL's contact set (forename/surname optional) must not undo the person's required names.
const EMPLOYEE: Fields = { ...LEGAL, ...PERSON };
const PSD2: Fields = {
  ncaIdentifier: "required",
  ncaName: "optional",
  accountServicingRole: "required",
  paymentInitiationRole: "required",
  accountInformationRole: "required",
  paymentServiceRole: "required",
};
const SEAL: Fields = { applicationName: "optional" };

interface Variant {
  family: FamilyKey;
  key: string;
  name: string;
  terms: Term[];
  fields: Fields;
  qscd?: boolean;
  psd2?: boolean;
  qwac?: boolean;
}

function eidas(v: Variant): Product {
  const rules: ProductRule[] = [];
  if (v.fields.organizationName) rules.push("address-locality-or-state");
  if (v.psd2) rules.push("psd2");
  let fields: Fields = v.fields;
  if (v.qwac) fields = { ...fields, ...TLS };
  else if (v.qscd) {
    fields = { ...fields, ...ETOKEN };
    rules.push("etoken-always");
  } else {
    fields = { ...fields, smartCardBased: "optional", shipping: "optional" };
    rules.push("etoken-if-smartcard");
  }
  if (v.psd2) fields = { ...fields, ...PSD2 };
  return {
    key: v.key,
    name: v.name,
    family: v.family,
    api: "PlaceOrder",
    terms: v.terms,
    fields,
    rules,
    ...(v.qwac ? { csr: { minRsaBits: 2048 } } : {}),
    orderable: true,
    ...(v.qscd ? { note: "QSCD: the key lives on a certified token; an eToken and its shipping are added." } : {}),
  };
}

/** QWAC terms: a 90-day term with an out-of-pattern code (printed so), then 1 to 5 years. */
// DECISION D24: the 90-day QWAC codes (1247-1249, 4562-4566) are out of pattern; kept as printed.
const qwacTerms = (d90: number, ...yearCodes: number[]): Term[] => [daysTerm(90, d90), ...years(...yearCodes)];

export const EIDAS_PRODUCTS: readonly Product[] = [
  eidas({ family: "eidas", key: "eidas-citizen", name: "Citizen Qualified Certificate", terms: years(6501, 6502, 6503, 6504, 6505), fields: PERSON }),
  eidas({ family: "eidas", key: "eidas-citizen-qscd", name: "Citizen Qualified Certificate QSCD", terms: years(6511, 6512, 6513, 6514, 6515), fields: PERSON, qscd: true }),
  eidas({ family: "eidas", key: "eidas-employee", name: "Employee Qualified Certificate", terms: years(6521, 6522, 6523, 6524, 6525), fields: EMPLOYEE }),
  eidas({ family: "eidas", key: "eidas-employee-qscd", name: "Employee Qualified Certificate QSCD", terms: years(6531, 6532, 6533, 6534, 6535), fields: EMPLOYEE, qscd: true }),
  eidas({ family: "eidas", key: "eidas-seal", name: "Seal Qualified Certificate", terms: years(6541, 6542, 6543, 6544, 6545), fields: { ...LEGAL, ...SEAL } }),
  eidas({ family: "eidas", key: "eidas-seal-qscd", name: "Seal Qualified Certificate QSCD", terms: years(6551, 6552, 6553, 6554, 6555), fields: { ...LEGAL, ...SEAL }, qscd: true }),
  eidas({ family: "eidas", key: "eidas-seal-psd2", name: "Seal for PSD2", terms: years(6581, 6582, 6583, 6584, 6585), fields: { ...LEGAL, ...SEAL }, psd2: true }),
  eidas({ family: "eidas", key: "eidas-seal-psd2-qscd", name: "Seal for PSD2 QSCD", terms: years(6591, 6592, 6593, 6594, 6595), fields: { ...LEGAL, ...SEAL }, psd2: true, qscd: true }),
  // DECISION D21: a QWAC is a website certificate: it takes the TLS fields (CSR, DCV) and no eToken.
  eidas({ family: "qwac", key: "qwac-natural", name: "QWAC Natural", terms: qwacTerms(1249, 6621, 6622, 6623, 6624, 6625), fields: PERSON, qwac: true }),
  eidas({ family: "qwac", key: "qwac-natural-multi-domain", name: "QWAC Natural Multi-Domain", terms: qwacTerms(4566, 6631, 6632, 6633, 6634, 6635), fields: PERSON, qwac: true }),
  eidas({ family: "qwac", key: "qwac-legal", name: "QWAC Legal", terms: qwacTerms(1247, 6561, 6562, 6563, 6564, 6565), fields: LEGAL, qwac: true }),
  eidas({ family: "qwac", key: "qwac-legal-multi-domain", name: "QWAC Legal Multi-Domain", terms: qwacTerms(4562, 6571, 6572, 6573, 6574, 6575), fields: LEGAL, qwac: true }),
  eidas({ family: "qwac", key: "qwac-legal-psd2", name: "QWAC Legal for PSD2", terms: qwacTerms(1248, 6601, 6602, 6603, 6604, 6605), fields: LEGAL, qwac: true, psd2: true }),
  eidas({ family: "qwac", key: "qwac-legal-psd2-multi-domain", name: "QWAC Legal for PSD2 Multi-Domain", terms: qwacTerms(4564, 6611, 6612, 6613, 6614, 6615), fields: LEGAL, qwac: true, psd2: true }),
];
