/** The form values an existing customer fills in, for the fields this product has. */
import type { FieldKey } from "@/lib/catalog";
import type { CustomerPick } from "./types";

export function customerFill(c: CustomerPick, has: (key: FieldKey) => boolean): Array<[FieldKey, string]> {
  const out: Array<[FieldKey, string]> = [];
  const set = (k: FieldKey, v: string | null | undefined) => {
    if (v && has(k)) out.push([k, v]);
  };
  set("emailAddress", c.email);
  set("appRepEmailAddress", c.email);
  set("forename", c.foreName);
  set("surname", c.surName);
  set("appRepForename", c.foreName);
  set("appRepSurname", c.surName);
  set("telephoneNumber", c.telephone);
  set("countryName", c.country);
  // SiteLock for an existing customer: a new domain on their SiteLock account, named by one of their orders.
  set("previousOrderNumber", c.orders?.[0]?.orderNumber);
  return out;
}
