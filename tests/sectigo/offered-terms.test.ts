/**
 * Issue 17 item 5, generated: every term the order form offers is orderable. For every orderable
 * product and every term of its picker (termOptionsFor, the function the form builds the picker
 * with), a complete order of that term (tests/fixtures/catalog-input.ts) is accepted by
 *   1. the form's schema (orderSchemaFor, the react-hook-form resolver's),
 *   2. the server: the server action's request schema, the Sectigo request build-submission makes,
 *      and the ordering pipeline's envelope (orderSubmissionSchema, which refused 4- and 5-year terms:
 *      "expected number to be <= 1098"),
 *   3. the sandbox: the built request sent through the real client to a started sandbox.
 * A SiteLock plan offers each term twice: debiting our account (AutoApplyOrder) and with "Sectigo charges
 * the customer" ticked (PlaceOrder, reseller=N); both are generated.
 * Failures are collected per product and term so one run names every term that cannot be ordered.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addOnsFor, orderableByFamily, orderSchemaFor, termOptionsFor, type OrderFormInput, type Product } from "@/lib/catalog";
import type { SectigoClient } from "@/lib/sectigo/client";
import { buildSubmission, type BuildContext } from "@/lib/orders/build-submission";
import { orderFormRequestSchema } from "@/lib/orders/order-form-request";
import { orderSubmissionSchema } from "@/lib/orders/submission";
import { validInput } from "../fixtures/catalog-input";
import { startTestSandbox, uniqueName, type TestSandbox } from "./client/sandbox-helpers";

let sb: TestSandbox;
let client: SectigoClient;
beforeAll(async () => {
  sb = await startTestSandbox();
  client = sb.client(await sb.createAccount({ funds: 10_000_000 })).client;
});
afterAll(() => sb.close());

const products = orderableByFamily().flatMap((g) => g.products);
/** The ways a product is ordered: as is, and through PlaceOrder with reseller=N where the catalog offers it. */
const variants = (product: Product): Array<Partial<OrderFormInput>> =>
  product.rules?.includes("sitelock-place-order") ? [{}, { sectigoChargesCustomer: true }] : [{}];
const cases = products.flatMap((product) =>
  termOptionsFor(product).flatMap((term) => variants(product).map((extra) => ({ product, term: term.value, label: term.label, extra }))),
);

/** The complete order of one term, with a domain and e-mail of its own (the sandbox refuses a reused SiteLock account). */
function orderInput(product: Product, term: string, unique: string): OrderFormInput {
  const input: OrderFormInput = { ...validInput(product), term };
  if (product.fields.domainName && product.api === "AutoApplyOrder") input.domainName = `${unique}.example.com`;
  if (product.fields.emailAddress) input.emailAddress = `${unique}@example.com`;
  if (product.fields.appRepEmailAddress) input.appRepEmailAddress = `${unique}@example.com`;
  return input;
}

function context(license: BuildContext["license"]): BuildContext {
  return {
    submissionKey: randomUUID(),
    account: { id: "acct-terms", apBrand: "orderdesk", autoRenewDefault: false },
    customer: null,
    license,
    resellerPays: true,
    priceOf: () => ({ buyPrice: 10, sellPrice: 20, currency: "USD" }),
  };
}

/** An add-on is ordered for a live license: a plan that takes it, placed at the sandbox for the same term. */
async function licenseFor(addOn: Product, days: number, unique: string): Promise<NonNullable<BuildContext["license"]>> {
  const plan = products.find((p) => p.sitelock?.kind === "base" && addOnsFor(p).includes(addOn) && p.terms.some((t) => t.days === days));
  if (!plan) throw new Error(`no plan takes ${addOn.name} for ${days} days`);
  const domainName = `${unique}-base.example.com`;
  const placed = await client.orderSiteLockForNewCustomer({ productCode: plan.productId!, addOnCodes: [], days: days as 30 | 365, domainName, contactEmail: `${unique}-base@example.com`, autoRenew: false });
  if (!placed.ok) throw new Error(`base license for ${addOn.name}: ${placed.error.code} ${placed.error.vendorMessage}`);
  return { id: "lic-terms", changeVersion: 0, domainName, currentOrderNumber: placed.value.orderNumber };
}

/** Why the order of this term is refused, or undefined when the form, the server and the sandbox all accept it. */
async function refusal(product: Product, term: string, extra: Partial<OrderFormInput>): Promise<string | undefined> {
  const unique = uniqueName(product.key);
  const isAddOn = product.sitelock?.kind === "addon";
  const license = isAddOn ? await licenseFor(product, Number(term), unique) : null;
  // The form fills an add-on's domain from the license picked for it.
  const input = { ...orderInput(product, term, unique), ...(license ? { domainName: license.domainName } : {}), ...extra };
  const form = orderSchemaFor(product).safeParse(input);
  if (!form.success) return `form schema: ${form.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
  const request = orderFormRequestSchema.safeParse({
    submissionKey: randomUUID(),
    resellerAccountId: "acct-terms",
    productKey: product.key,
    customerId: null,
    licenseId: isAddOn ? "lic-terms" : null,
    resellerPays: true,
    values: input,
    cart: [],
  });
  if (!request.success) return `server action request: ${request.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
  let submission;
  try {
    submission = buildSubmission(product, form.data, context(license));
  } catch (error) {
    return `build-submission: ${error instanceof Error ? error.message : String(error)}`;
  }
  const envelope = orderSubmissionSchema.safeParse(submission);
  if (!envelope.success) return `order submission: ${envelope.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
  const sectigo = envelope.data.sectigo;
  const placed = sectigo.operation === "placeOrder" ? await client.placeOrder(sectigo.input) : await client.autoApplyOrder(sectigo.input);
  if (!placed.ok) return `sandbox: ${placed.error.code ?? placed.error.kind} ${placed.error.vendorMessage ?? placed.error.userMessage} (${placed.error.parameters?.join(",") ?? "no parameter"})`;
  return undefined;
}

describe("every term the order form offers can be ordered", () => {
  it("covers every orderable product and every term of its picker", () => {
    expect(products.length).toBeGreaterThan(60);
    expect(cases.length).toBeGreaterThan(products.length);
    // 4- and 5-year terms exist (SectigoSSL, Code Signing, eIDAS...): the case the envelope refused.
    expect(cases.some((c) => c.product.terms.some((t) => (t.days ?? 0) > 3 * 366))).toBe(true);
    expect(cases.filter((c) => c.extra.sectigoChargesCustomer).map((c) => `${c.product.key}|${c.term}`)).toEqual(
      expect.arrayContaining(["sitelock-monitor|365", "sitelock-basic|30", "sitelock-basic|365", "sitelock-pro|30", "sitelock-pro|365", "sitelock-business|30", "sitelock-business|365"]),
    );
  });

  it.each(products.map((p) => [p.key, p] as const))("%s: form, server and sandbox accept every offered term", async (_key, product) => {
    const refused: string[] = [];
    for (const { term, label, extra } of cases.filter((c) => c.product === product)) {
      const why = await refusal(product, term, extra);
      if (why) refused.push(`${label} (${term}${extra.sectigoChargesCustomer ? ", Sectigo charges the customer" : ""}): ${why}`);
    }
    expect(refused).toEqual([]);
  });
});
