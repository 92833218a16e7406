/** The product catalog: data, lookups, and the catalog -> form/zod mapping. README.md has the decisions. */
export * from "./types";
export * from "./catalog";
export { orderSchemaFor, formFieldsFor, termOptionsFor, fieldRequirements, type OrderSchema, type OrderFormInput, type OrderFormValues, type SchemaOptions } from "./schema";
export { FIELD_SPECS, GROUP_LABELS, type FieldSpec, type FieldGroup, type InputKind, type Option } from "./fields";
export { COUNTRY_CODES, countryLabel, countryOptions, isCountryCode, type CountryCode } from "./countries";
export { parseCsr, checkCsrKey, type CsrKey, type CsrParse } from "./csr";
export { NCAS, type Nca } from "./eidas";
export { ETOKEN_PPP, SHIPPING, SHIPPING_METHODS, type ShippingMethod } from "./products/etoken";
export { PCI_CVC_COMPANION_CODES } from "./products/hackerguardian";
export { placeOrderItemsFor, needsEToken, type CatalogItem } from "./items";
export { addOnPlaceOrderTerm, chargesCustomer, sectigoBillsCustomer, siteLockPlaceOrderLines, type SiteLockPlaceOrderLine } from "./sitelock-place-order";
export { BUNDLE_CERTIFICATES, BUNDLE_LICENSE_NAME, type BundleCertificate } from "./products/sitelock";
export { autoApplyOrderSchema, CATALOG_FIELD_OF, CSR_PRIORITIES } from "./auto-apply-order";
export { formFieldOf, orderOperationFor, wireParameterOf, wireParametersOf, type FormField, type OrderOperation } from "./wire-parameters";
