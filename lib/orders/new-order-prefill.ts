import "server-only";
/**
 * The order form opened from somewhere else, filled in (issue 18 item 4: an ended license links to
 * a new order for the same site): `/orders/new?product=<key>&domain=<name>&customer=<id>`. The query
 * string is input: each value is checked on its own with zod, and a value that is invalid, unknown,
 * or names a customer the viewer may not order for is dropped quietly (the form then starts empty
 * there), never an error page.
 */
import { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { formFieldsFor, productByKey } from "@/lib/catalog";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const productSchema = z.preprocess(one, z.string().trim().min(1).max(64));
// The order form's own domain check is the one that counts; this only keeps junk out of the form.
const domainSchema = z.preprocess(one, z.string().trim().toLowerCase().max(253).regex(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/));
const customerSchema = z.preprocess(one, z.string().regex(/^[A-Za-z0-9_-]{1,80}$/));

export interface NewOrderPrefill {
  productKey?: string;
  accountId?: string;
  customer?: { id: string; name: string; email: string; foreName: string | null; surName: string | null; telephone: string | null; country: string | null; orders: Array<{ orderNumber: string | null }> };
  values?: Record<string, string>;
}

/** `offered`: product key -> terms on offer (the page's own list): a product not on offer is dropped. */
export async function newOrderPrefill(actor: Actor, query: Record<string, unknown>, offered: Record<string, string[]>): Promise<NewOrderPrefill> {
  assertCan(actor, "placeOrders");
  const productKey = productSchema.safeParse(query.product).data;
  const product = productKey && productByKey(productKey)?.orderable && offered[productKey] ? productByKey(productKey) : undefined;
  const domainName = domainSchema.safeParse(query.domain).data;
  const customerId = customerSchema.safeParse(query.customer).data;
  const customer = customerId
    ? await prisma.customer.findUnique({
        where: { id: customerId },
        select: {
          id: true, name: true, email: true, foreName: true, surName: true, telephone: true, country: true, resellerAccountId: true,
          // Their latest order Sectigo knows (as the form's customer picker reads it): SiteLock for an existing customer names it.
          orders: { where: { orderNumber: { not: null } }, orderBy: { createdAt: "desc" }, take: 1, select: { orderNumber: true } },
        },
      })
    : null;
  if (!product) return customer ? { accountId: customer.resellerAccountId, customer: pick(customer) } : {};
  // Only the fields this product's form has: the same values the customer picker fills in.
  const fields = new Set<string>(formFieldsFor(product).map((f) => f.key));
  const wanted: Record<string, string | null | undefined> = {
    domainName,
    emailAddress: customer?.email,
    appRepEmailAddress: customer?.email,
    forename: customer?.foreName,
    surname: customer?.surName,
    appRepForename: customer?.foreName,
    appRepSurname: customer?.surName,
    telephoneNumber: customer?.telephone,
    countryName: customer?.country,
    previousOrderNumber: customer?.orders[0]?.orderNumber,
  };
  const values = Object.fromEntries(Object.entries(wanted).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "" && fields.has(e[0])));
  return { productKey: product.key, ...(customer ? { accountId: customer.resellerAccountId, customer: pick(customer) } : {}), values };
}

function pick<C extends NonNullable<NewOrderPrefill["customer"]> & { resellerAccountId: string }>(c: C): NonNullable<NewOrderPrefill["customer"]> {
  const { resellerAccountId: _account, ...rest } = c;
  return rest;
}
