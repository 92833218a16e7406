/**
 * The order form's use case: checks the actor and the form (the product's own schema), loads the
 * account, customer, license and prices, builds the Sectigo request and hands it to the exactly-once
 * pipeline (submit-order.ts). A Sectigo refusal that names a parameter comes back on its form field.
 */
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { AppError } from "@/lib/errors";
import { formFieldOf, sectigoBillsCustomer, orderSchemaFor, productById, productByKey, termOptionsFor } from "@/lib/catalog";
import { buildSubmission, mergeCart, SubmissionProblem, type PlanPrice } from "./build-submission";
import type { OrderDeps } from "./order-deps";
import { licenseChangeConflict } from "./pending-license-order";
import { orderFormRequestSchema, type OrderFormRequest } from "./order-form-request";
import { submitOrder, type OrderRef } from "./submit-order";
import { NEAR_DUPLICATE_WINDOW_MS, nearDuplicateConfirmations } from "./near-duplicate";
import { NeedsConfirmation, unconfirmed, type Confirmation } from "./server-confirmations";
import { unpricedKey } from "./unpriced-question";

export type PlaceFromFormResult =
  | { outcome: "PLACED" | "AWAITING_AUTHORIZATION" | "UNKNOWN" | "ALREADY_SUBMITTED"; order: OrderRef; message?: string }
  /** Sectigo refused: nothing was bought. `fieldErrors` are keyed like the form (`values.<field>`). */
  | { outcome: "FAILED"; order: OrderRef; message: string; fieldErrors: Record<string, string[]> }
  /** Nothing was written or sent: the person must answer these first (resend with their keys in `confirmed`). */
  | { outcome: "NEEDS_CONFIRMATION"; confirmations: Confirmation[]; order?: undefined };

export interface FormDeps extends OrderDeps {
  /** Whether a product's term may be ordered now (an ADMIN can disable plans) and its price (null: not set). */
  priceOf?(productKey: string, termValue: string): Promise<PlanOffer> | PlanOffer;
}

export type PlanOffer = { offered: false } | { offered: true; price: PlanPrice | null };

export async function placeOrderFromForm(actor: Actor | null, raw: OrderFormRequest, deps: FormDeps): Promise<PlaceFromFormResult> {
  assertCan(actor, "placeOrders");
  const parsed = orderFormRequestSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "Some fields need attention.");
  const input = parsed.data;
  const product = productByKey(input.productKey)!;
  const values = orderSchemaFor(product).parse(input.values);
  const { db } = deps;

  const account = await db.resellerAccount.findUnique({ where: { id: input.resellerAccountId }, select: { id: true, apBrand: true, autoRenewDefault: true } });
  if (!account) throw new AppError("NOT_FOUND", "That reseller account no longer exists.", "resellerAccountId");
  if (product.api === "PlaceOrder" && !account.apBrand) {
    throw new AppError("INVALID_INPUT", "This reseller account has no brand name (ap), which PlaceOrder needs: an admin sets it under Settings → Reseller accounts.", "resellerAccountId");
  }
  let customerId = input.customerId;
  let license: { id: string; changeVersion: number; domainName: string; currentOrderNumber: string | null } | null = null;
  if (input.licenseId) {
    const found = await db.license.findFirst({
      where: { id: input.licenseId, customer: { resellerAccountId: account.id } },
      select: { id: true, changeVersion: true, domainName: true, currentOrderNumber: true, customerId: true, status: true },
    });
    if (!found) throw new AppError("NOT_FOUND", "That license is not one of this account's.", "licenseId");
    license = found;
    customerId = found.customerId;
  }
  if (customerId) {
    const found = await db.customer.findFirst({ where: { id: customerId, resellerAccountId: account.id }, select: { id: true } });
    if (!found) throw new AppError("NOT_FOUND", "That customer is not one of this account's.", "customerId");
  }
  const cart = input.cart.map((item) => {
    const p = productByKey(item.productKey)!;
    return { product: p, values: orderSchemaFor(p).parse(item.values) };
  });
  const prices = new Map<string, PlanPrice | null>();
  const keys = new Set([`${product.key}|${values.term}`, ...cart.map((c) => `${c.product.key}|${c.values.term}`)]);
  /** Plans Sectigo bills the customer for at its own price (reseller=N): no sell price of ours is expected. */
  const billedBySectigo = new Set<string>();
  const billed = sectigoBillsCustomer(product, values, input.resellerPays);
  if (billed) billedBySectigo.add(`${product.key}|${values.term}`);
  for (const c of cart) if (sectigoBillsCustomer(c.product, c.values, input.resellerPays)) billedBySectigo.add(`${c.product.key}|${c.values.term}`);
  for (const code of Array.isArray(values.addOns) ? values.addOns : []) {
    const addOn = productById(Number(code));
    if (!addOn) continue;
    keys.add(`${addOn.key}|${values.term}`);
    if (billed) billedBySectigo.add(`${addOn.key}|${values.term}`);
  }
  for (const key of keys) {
    const [productKey, term] = key.split("|") as [string, string];
    const offer = (await deps.priceOf?.(productKey, term)) ?? { offered: true, price: null };
    if (!offer.offered) {
      const name = productByKey(productKey)?.name ?? productKey;
      throw new AppError("INVALID_INPUT", `${name} is not offered for this term any more (an admin disabled it). Choose another term or product.`, productKey === product.key ? "values.term" : "values.addOns");
    }
    prices.set(key, offer.price);
  }

  let submission;
  try {
    const context = {
      submissionKey: input.submissionKey,
      account: { id: account.id, apBrand: account.apBrand, autoRenewDefault: account.autoRenewDefault },
      customer: customerId ? { id: customerId } : null,
      license,
      resellerPays: input.resellerPays,
      priceOf: (productKey: string, term: string) => prices.get(`${productKey}|${term}`) ?? null,
    };
    // The cart's products first (added first), then the one on screen.
    submission = mergeCart([...cart.map((c) => buildSubmission(c.product, c.values, context)), buildSubmission(product, values, context)]);
  } catch (error) {
    if (error instanceof SubmissionProblem) throw new AppError("INVALID_INPUT", error.message, `values.${error.field}`);
    throw error;
  }

  // The questions this order needs answered, before anything is written or sent.
  const required: Confirmation[] = [];
  if (deps.priceOf) {
    // Without a price list (priceOf absent: scripts, tests of other things) nothing is known to be unpriced.
    // Not the plans Sectigo bills the customer for (reseller=N): their missing sell price is intended.
    const unpriced = [...prices].filter(([key, price]) => !billedBySectigo.has(key) && (price?.sellPrice === null || price?.sellPrice === undefined)).map(([key]) => key).sort();
    if (unpriced.length > 0) {
      const names = unpriced.map(planName);
      required.push({
        kind: "unpriced",
        key: unpricedKey(unpriced),
        message: `No sell price is set for ${names.join(", ")}: the customer's charge will show only the priced items. Place the order anyway?`,
      });
    }
  }
  // Near-duplicates of an order that creates something for an existing customer (a license change
  // is already one at a time per license: pending-license-order.ts). Asked here with the other
  // questions, and checked again under the lock that joins it to the order row's insert
  // (submit-order.ts `guard`): two tabs pressing Place at once both pass this first read, and only
  // the second read, made after the other's row is written, sees it.
  let nearDuplicates: ((reader: Parameters<typeof nearDuplicateConfirmations>[0]) => Promise<Confirmation[]>) | null = null;
  if (customerId && !license) {
    // This machine's clock, not deps.now: the window is compared with the orders' createdAt, which
    // the database writes on its own clock (deps.now may follow the sandbox's moved clock).
    const now = new Date();
    const shape = { operation: submission.sectigo.operation, items: submission.items.map((i) => ({ productCode: i.productCode, domainName: i.domainName, isAddOn: i.isAddOn })), request: submission.sectigo };
    const query = { customerId, resellerAccountId: account.id, submissionKey: input.submissionKey, since: new Date(now.getTime() - NEAR_DUPLICATE_WINDOW_MS) };
    nearDuplicates = (reader) => nearDuplicateConfirmations(reader, query, shape);
    required.push(...(await nearDuplicates(db)));
  }
  const open = unconfirmed(required, input.confirmed);
  if (open.length > 0) return { outcome: "NEEDS_CONFIRMATION", confirmations: open };
  const check = nearDuplicates;
  // A duplicate found only under the lock is asked together with the questions already answered: the
  // form resends the keys of the questions it shows, so they all go back in one "yes".
  const answered = required.filter((q) => q.kind !== "near-duplicate");
  const guard = check
    ? async (tx: Parameters<typeof nearDuplicateConfirmations>[0]) => {
        const late = unconfirmed(await check(tx), input.confirmed);
        if (late.length > 0) throw new NeedsConfirmation([...answered, ...late]);
      }
    : undefined;

  let result;
  try {
    result = await submitOrder(actor, submission, deps, guard ? { guard } : {});
  } catch (error) {
    if (error instanceof NeedsConfirmation) return { outcome: "NEEDS_CONFIRMATION", confirmations: error.confirmations };
    // An add-on is a change of its license: another order on it got in first (still open, or placed
    // since the license was read). Nothing was sent; the form says why.
    const conflict = submission.targetLicenseId ? await licenseChangeConflict(deps, submission.targetLicenseId, error) : null;
    if (conflict) throw new AppError("CONFLICT", conflict.message);
    // "This e-mail is one of our customers already": on the form's own e-mail field.
    if (error instanceof AppError && error.field === "customer.email") {
      throw new AppError(error.code, error.message, product.api === "AutoApplyOrder" ? "values.appRepEmailAddress" : "values.emailAddress");
    }
    throw error;
  }
  if (result.outcome !== "FAILED") return result;
  // Each wire parameter the refusal concerns lands on its form field (the catalog's one map); the
  // product on screen first, then the cart's others.
  const fieldErrors: Record<string, string[]> = {};
  for (const parameter of result.parameters ?? []) {
    const field = formFieldOf([product, ...cart.map((c) => c.product)], submission.sectigo.operation, parameter, values);
    if (field) fieldErrors[`values.${field}`] = [result.message];
  }
  return { outcome: "FAILED", order: result.order, message: result.message, fieldErrors };
}

/** "Code Signing (1 year)" for a `productKey|term` price key. */
function planName(key: string): string {
  const [productKey, term] = key.split("|") as [string, string];
  const product = productByKey(productKey);
  const label = product ? termOptionsFor(product).find((t) => t.value === term)?.label : undefined;
  return `${product?.name ?? productKey}${label ? ` (${label})` : ""}`;
}
