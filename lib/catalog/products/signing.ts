/** Code Signing, EV Code Signing, Document Signing, PDF-Signing and Personal Authentication ("The !PlaceOrder API for Resellers" §7). */
import { CONTACT, CUSTOMER_LOGIN, ETOKEN, EV_COMPANY, FULL_COMPANY_ADDRESS } from "../fields-sets";
import { years } from "../terms";
import type { Product } from "../types";

/** CA/B Forum Code Signing BRs: RSA keys of at least 3072 bits since 2021. */
const CODE_SIGNING_CSR = { minRsaBits: 3072 } as const;

const PAC_OPTIONS = {
  replaceOrder: "optional",
  renewOrder: "optional",
  isKeyProtected: "optional",
  isKeyExportable: "optional",
  cspName: "optional",
  revokeOldOrder: "optional",
  orderNumber: "optional",
} as const;

export const SIGNING_PRODUCTS: readonly Product[] = [
  {
    key: "code-signing",
    name: "Code Signing Certificate",
    family: "code-signing",
    api: "PlaceOrder",
    // DECISION D3/D4: "x PPP=1511" is 1511; the codes are not ascending (1509 = 3 years, 1508 = 5 years) as printed.
    terms: years(1511, 1512, 1509, 1534, 1508),
    fields: {
      ...CONTACT,
      ...CUSTOMER_LOGIN,
      ...FULL_COMPANY_ADDRESS,
      csr: "required",
      signatureHash: "optional",
      privateKeyFilename: "optional",
      contactEmailAddress: "optional",
      // DECISION D26: x_caCertificateID ("only by special arrangement") is not offered.
    },
    rules: ["address-locality-or-state"],
    csr: CODE_SIGNING_CSR,
    orderable: true,
    // DECISION D15: since v1.38 (CSCWG ballot 17) OV Code Signing is software only: no eToken, no x_smartCardBased.
    note: "Software code signing: the customer's CSR is required.",
  },
  {
    key: "ev-code-signing",
    name: "EV Code Signing Certificate",
    family: "code-signing",
    api: "PlaceOrder",
    terms: years(1535, 1536, 1537),
    // DECISION D16: EV validation needs the company and its address although the table lists no fields.
    fields: { ...CONTACT, ...FULL_COMPANY_ADDRESS, ...EV_COMPANY, ...ETOKEN },
    rules: ["address-locality-or-state", "etoken-always"],
    orderable: true,
    note: "eToken-based only: an eToken and its shipping are added to the order.",
  },
  {
    key: "document-signing-azure",
    name: "Sectigo Document Signing Certificate on Azure",
    family: "document-signing",
    api: "PlaceOrder",
    terms: years(6050, 6051, 6052),
    fields: { ...CONTACT, ...FULL_COMPANY_ADDRESS },
    rules: ["address-locality-or-state"],
    orderable: true,
  },
  {
    key: "document-signing-organization",
    name: "Sectigo Document Signing Certificate (Organization)",
    family: "document-signing",
    api: "PlaceOrder",
    terms: years(6053, 6054, 6055),
    fields: { ...CONTACT, ...FULL_COMPANY_ADDRESS, ...ETOKEN },
    rules: ["address-locality-or-state", "etoken-always"],
    orderable: true,
    note: "Delivered on an eToken: an eToken and its shipping are added to the order.",
  },
  {
    key: "pdf-signing",
    name: "PDF-Signing Certificate",
    family: "pdf-signing",
    api: "PlaceOrder",
    // DECISION D6: "x_PPPP=5040" is x_PPP=5040.
    terms: years(5038, 5039, 5040),
    fields: CONTACT,
    orderable: true,
  },
  {
    key: "personal-authentication",
    name: "Personal Authentication Certificate",
    family: "personal-authentication",
    api: "PlaceOrder",
    // DECISION D5: the codes column is shifted one row down ("1 1/200 5029"): 1 year = 5029 ... 3 years = 5031.
    terms: years(5029, 5030, 5031),
    fields: { ...CONTACT, ...PAC_OPTIONS },
    rules: ["order-number-for-replace-or-renew"],
    orderable: true,
    note: "Requires the customer's email address.",
  },
  {
    key: "personal-authentication-pro",
    name: "Personal Authentication Pro Certificate",
    family: "personal-authentication",
    api: "PlaceOrder",
    terms: years(5032, 5033, 5034),
    fields: { ...CONTACT, forename: "required", surname: "required", ...PAC_OPTIONS },
    rules: ["order-number-for-replace-or-renew"],
    orderable: true,
    note: "Requires forename, surname and email address.",
  },
  {
    key: "personal-authentication-enterprise",
    name: "Personal Authentication Enterprise Certificate",
    family: "personal-authentication",
    api: "PlaceOrder",
    terms: years(5035, 5036, 5037),
    fields: { ...CONTACT, title: "required", forename: "required", surname: "required", ...FULL_COMPANY_ADDRESS, ...PAC_OPTIONS },
    rules: ["address-locality-or-state", "order-number-for-replace-or-renew"],
    orderable: true,
    note: "Requires title, forename, surname, email address and the full company address.",
  },
];
