/**
 * TLS certificates ordered through PlaceOrder ("The !PlaceOrder API for Resellers" §7, v1.24/v1.25 additions).
 * Validation level decides the company fields: DV needs none, OV and EV the full company address.
 */
import { CONTACT, EV_COMPANY, FULL_COMPANY_ADDRESS, TLS } from "../fields-sets";
import { years } from "../terms";
import type { FamilyKey, Product, ProductRule } from "../types";

type Level = "DV" | "OV" | "EV";

function tls(family: FamilyKey, key: string, name: string, level: Level, wildcard: boolean, codes: number[]): Product {
  const company = level === "DV" ? {} : level === "OV" ? FULL_COMPANY_ADDRESS : { ...FULL_COMPANY_ADDRESS, ...EV_COMPANY };
  const rules: ProductRule[] = level === "DV" ? [] : ["address-locality-or-state"];
  if (wildcard) rules.push("wildcard-no-http-dcv");
  return {
    key,
    name,
    family,
    api: "PlaceOrder",
    terms: years(...codes),
    fields: { ...CONTACT, ...company, ...TLS },
    rules,
    csr: { minRsaBits: 2048 },
    wildcard,
    orderable: true,
  };
}

export const SSL_PRODUCTS: readonly Product[] = [
  tls("sectigossl", "sectigossl-pro-dv", "SectigoSSL Pro DV", "DV", false, [9401, 9406, 9411, 9416, 9421]),
  tls("sectigossl", "sectigossl-pro-wildcard-dv", "SectigoSSL Pro Wildcard DV", "DV", true, [9402, 9407, 9412, 9417, 9422]),
  tls("sectigossl", "sectigossl-pro-ov", "SectigoSSL Pro OV", "OV", false, [9426, 9431, 9436, 9441, 9446]),
  tls("sectigossl", "sectigossl-pro-ov-wildcard", "SectigoSSL Pro OV Wildcard", "OV", true, [9427, 9432, 9437, 9442, 9447]),
  tls("sectigossl", "sectigossl-pro-ev", "SectigoSSL Pro EV", "EV", false, [9451, 9454, 9457, 9460, 9463]),
  tls("sectigossl", "sectigossl-premium-dv", "SectigoSSL Premium DV", "DV", false, [9467, 9472, 9477, 9482, 9487]),
  // DECISION D7: the 5-year row is printed "3-year 9488" after an empty "5-year" row.
  tls("sectigossl", "sectigossl-premium-wildcard-dv", "SectigoSSL Premium Wildcard DV", "DV", true, [9468, 9473, 9478, 9483, 9488]),
  tls("sectigossl", "sectigossl-premium-ov", "SectigoSSL Premium OV", "OV", false, [9492, 9497, 9502, 9507, 9512]),
  tls("sectigossl", "sectigossl-premium-ov-wildcard", "SectigoSSL Premium OV Wildcard", "OV", true, [9493, 9498, 9503, 9508, 9513]),
  tls("sectigossl", "sectigossl-premium-ev", "SectigoSSL Premium EV", "EV", false, [9517, 9520, 9523, 9526, 9529]),
  tls("sectigossl", "sectigossl-enterprise-dv", "SectigoSSL Enterprise DV", "DV", false, [9533, 9538, 9543, 9548, 9553]),
  tls("sectigossl", "sectigossl-enterprise-wildcard-dv", "SectigoSSL Enterprise Wildcard DV", "DV", true, [9534, 9539, 9544, 9549, 9554]),
  // DECISION D8: the second "SectigoSSL Enterprise (Wildcard) DV" block (9741-9750) is the EnterpriseSSL line.
  tls("enterprisessl", "enterprisessl-dv", "SectigoSSL EnterpriseSSL DV", "DV", false, [9741, 9742, 9743, 9744, 9745]),
  tls("enterprisessl", "enterprisessl-wildcard-dv", "SectigoSSL EnterpriseSSL Wildcard DV", "DV", true, [9746, 9747, 9748, 9749, 9750]),
  tls("enterprisessl", "enterprisessl-ov", "SectigoSSL EnterpriseSSL OV", "OV", false, [9781, 9787, 9793, 9799, 9805]),
  tls("enterprisessl", "enterprisessl-wildcard-ov", "SectigoSSL EnterpriseSSL Wildcard OV", "OV", true, [9783, 9789, 9795, 9801, 9807]),
  tls("enterprisessl", "enterprisessl-ev", "SectigoSSL EnterpriseSSL EV", "EV", false, [9766, 9767, 9768, 9769, 9770]),
  tls("positivessl", "positivessl-ov", "PositiveSSL OV", "OV", false, [9852, 9857, 9862, 9867, 9872]),
  tls("positivessl", "positivessl-ov-wildcard", "PositiveSSL OV Wildcard", "OV", true, [9853, 9858, 9863, 9868, 9873]),
];
