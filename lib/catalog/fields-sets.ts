import type { FieldKey, Requirement } from "./types";

type FieldSet = Partial<Record<FieldKey, Requirement>>;

/** Every PlaceOrder product: the customer's contact (emailAddress is what makes a customer "new"). */
export const CONTACT: FieldSet = {
  emailAddress: "required",
  forename: "optional",
  surname: "optional",
  telephoneNumber: "optional",
};

/** "Full Company Name + Address details" ("The !PlaceOrder API for Resellers" §7); locality OR state is a rule (v1.23). */
export const FULL_COMPANY_ADDRESS: FieldSet = {
  organizationName: "required",
  organizationalUnitName: "optional",
  postOfficeBox: "optional",
  streetAddress1: "required",
  streetAddress2: "optional",
  streetAddress3: "optional",
  localityName: "optional",
  stateOrProvinceName: "optional",
  postalCode: "required",
  countryName: "required",
  companyNumber: "optional",
  dunsNumber: "optional",
};

/** "loginName and loginPassword": the end customer's Sectigo account (created when new). */
export const CUSTOMER_LOGIN: FieldSet = { loginName: "required", loginPassword: "required" };

/** "Only for EV Certificates" ("The !PlaceOrder API for Resellers" §1, v1.36). */
export const EV_COMPANY: FieldSet = {
  joiLocalityName: "optional",
  joiStateOrProvinceName: "optional",
  joiCountryName: "optional",
  dateOfIncorporation: "optional",
  assumedName: "optional",
  businessCategory: "optional",
};

/** TLS certificates: the CSR and the documented per-item options. */
export const TLS: FieldSet = {
  csr: "required",
  dcvMethod: "optional",
  dcvEmailAddress: "optional",
  webserverSoftwareId: "optional",
  signatureHash: "optional",
};

export const ETOKEN: FieldSet = { shipping: "required" };
