/** Sectigo Web security services and Web DNS Pro ("The !PlaceOrder API for Resellers" §7): each "must supply: emailAddress". */
import { CONTACT } from "../fields-sets";
import { trialsAndYears, years } from "../terms";
import type { FamilyKey, Product, Term } from "../types";

function service(family: FamilyKey, key: string, name: string, terms: Term[]): Product {
  return { key, name, family, api: "PlaceOrder", terms, fields: CONTACT, orderable: true, note: "Requires the customer's email address." };
}

export const WEB_PRODUCTS: readonly Product[] = [
  service("sectigo-web", "sectigo-web-monitor", "Sectigo Web Monitor", trialsAndYears(9675, 9686, 9697, 9600, 9601, 9602, 9603, 9604)),
  service("sectigo-web", "sectigo-web-remediate", "Sectigo Web Remediate", trialsAndYears(9676, 9687, 9698, 9605, 9606, 9607, 9608, 9609)),
  service("sectigo-web", "sectigo-web-perform", "Sectigo Web Perform", trialsAndYears(9677, 9688, 9699, 9610, 9611, 9612, 9613, 9614)),
  service("sectigo-web", "sectigo-web-complete", "Sectigo Web Complete", trialsAndYears(9678, 9689, 9700, 9615, 9616, 9617, 9618, 9619)),
  service("sectigo-web", "sectigo-web-remediate-partner", "Sectigo Web Remediate Partner", trialsAndYears(9717, 9718, 9719, 9720, 9721, 9722, 9723, 9724)),
  service("sectigo-web", "sectigo-web-perform-partner", "Sectigo Web Perform Partner", trialsAndYears(9725, 9726, 9727, 9728, 9729, 9730, 9731, 9732)),
  service("sectigo-web", "sectigo-web-complete-partner", "Sectigo Web Complete Partner", trialsAndYears(9733, 9734, 9735, 9736, 9737, 9738, 9739, 9740)),
  // DECISION D9: "EmailAddress" in this row is emailAddress (parameter names are case-insensitive).
  service("sectigo-web", "sectigo-web-one-time-remediate", "Sectigo Web One Time Remediate", years(9892)),
  service("web-dns", "web-dns-pro", "Web DNS Pro", trialsAndYears(9971, 9972, 9973, 9974, 9975, 9976, 9977, 9978)),
];
