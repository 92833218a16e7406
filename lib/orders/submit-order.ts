/**
 * Placing an order, exactly once.
 *
 * 1. The order is written with its own `foreignOrderNumber` and the form's `submissionKey` (unique)
 *    before anything is sent. The same submission arriving again (double click, retry, a copied tab,
 *    a second app instance) fails that unique insert and is answered with the first one's status:
 *    only the request that inserted the row calls Sectigo.
 * 2. The call's answer settles the order: PLACED / AWAITING_AUTHORIZATION with Sectigo's order
 *    number; FAILED when Sectigo refused it (nothing was bought; the parameters it named are kept);
 *    UNKNOWN when it may have been placed (timeout, reset, 5xx, malformed or lost answer). An
 *    UNKNOWN order is never sent again: reconcile-order.ts finds out what happened.
 * 3. An order left SUBMITTING (the app stopped during the call) is treated as UNKNOWN by the
 *    reconciliation pass once the call's time budget has passed.
 */
import { recordChange } from "@/lib/audit/audit-scope";
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { actorUserId } from "@/lib/auth/system-actor";
import { AppError } from "@/lib/errors";
import { newRowId } from "@/lib/db/ids";
import { ACCOUNT_DISABLED_MESSAGE, isAccountDisabled, isForeignKeyViolation, isUniqueViolation } from "@/lib/db/errors";
import type { OrderStatus, Prisma } from "@/lib/generated/prisma/client";
import type { PlacedOrder, PlaceOrderResult, SectigoResult } from "@/lib/sectigo/client";
import type { OrderDeps } from "./order-deps";
import { eventData, settleFailed, settlePlaced, settleRenewalPlacedAtOnce, settleUnknown } from "./settle-order";
import { orderSubmissionSchema, type OrderSubmissionInput } from "./submission";
import { itemRows } from "./order-item-rows";
import { observeOrderOutcome } from "@/lib/observability/orders";

export interface OrderRef {
  id: string;
  foreignOrderNumber: string;
  orderNumber: string | null;
  status: OrderStatus;
}

export type SubmitOptions = {
  permission?: "placeOrders" | "manageRenewals";
  /**
   * The caller read the existing customer and the account from the same row it acts on (a license
   * action: the license's customer and that customer's account), so the check that the customer
   * belongs to the account is not repeated. Never set for ids that came from a form.
   */
  customerOfAccountKnown?: boolean;
  /**
   * A check that must see every order written before this one (the near-duplicate guard): run for an
   * existing customer inside the transaction that inserts the SUBMITTING order row, after a
   * transaction-scoped advisory lock on (reseller account, customer). Two requests for the same
   * customer thus run "check + insert" one after the other, and the second's check sees the first's
   * row. It throws to stop the order (nothing is written); the lock ends with the insert's commit, so
   * the call to Sectigo is never made inside it. Exactly-once is unchanged: the insert is the same
   * statement, and the same submission seen before still inserts nothing (its key is taken).
   */
  guard?: (tx: Prisma.TransactionClient) => Promise<void>;
};

export type SubmitResult =
  /** `licenseExpiresAt`: a placed renewal's new expiry, when this request recorded it (saves the caller a read). */
  | { outcome: "PLACED" | "AWAITING_AUTHORIZATION"; order: OrderRef; licenseExpiresAt?: Date }
  /** `parameters`: the wire parameters Sectigo's refusal concerns, as it spells them (SectigoError.parameters). */
  | { outcome: "FAILED"; order: OrderRef; message: string; parameters?: string[]; code?: number }
  | { outcome: "UNKNOWN"; order: OrderRef; message: string }
  /** The same submission had already been received: nothing was sent this time. */
  | { outcome: "ALREADY_SUBMITTED"; order: OrderRef };

/** "OD-261122-7KQ3M9XD": date for people, 40 random bits so two app instances never collide. */
export function newForeignOrderNumber(now: Date): string {
  const date = now.toISOString().slice(2, 10).replace(/-/g, "");
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U
  const bytes = randomBytes(8);
  let code = "";
  for (const b of bytes) code += alphabet[b % 32];
  return `OD-${date}-${code}`;
}

const REF = { id: true, foreignOrderNumber: true, orderNumber: true, status: true } as const;

/**
 * `permission`: what the caller's use case requires of the actor (it checked it too); license
 * actions (renew, add-on from the license page, plan change, cancel) are `manageRenewals`.
 */
export async function submitOrder(actor: Actor | null, raw: OrderSubmissionInput, deps: OrderDeps, options: SubmitOptions = {}): Promise<SubmitResult> {
  const result = await submitOrderOnce(actor, raw, deps, options);
  observeOrderOutcome(result.outcome, result.order);
  // The person's audit entry: the order this submission created, as it stands after the call
  // (a repeated submission created nothing).
  if (result.outcome !== "ALREADY_SUBMITTED") {
    recordChange({
      target: `Order:${result.order.id}`,
      before: null,
      after: { status: result.order.status, orderNumber: result.order.orderNumber, foreignOrderNumber: result.order.foreignOrderNumber, kind: raw.kind, license: raw.targetLicenseId ?? null },
    });
  }
  return result;
}

async function submitOrderOnce(
  actor: Actor | null,
  raw: OrderSubmissionInput,
  deps: OrderDeps,
  options: SubmitOptions = {},
): Promise<SubmitResult> {
  assertCan(actor, options.permission ?? "placeOrders");
  const parsed = orderSubmissionSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0]?.message ?? "The order is incomplete.");
  const submission = parsed.data;
  const { db } = deps;
  const now = deps.now?.() ?? new Date();


  // 1. Claim: one row per submission key; the unique key lets one insert through, and the request
  // that loses is answered with the first one's order (below). A submission with a new customer seen
  // before is answered at once: its new customer exists by now, and must not be refused as a
  // duplicate e-mail. With an existing customer the insert alone decides (one statement fewer per
  // renewal of a bulk run).
  if ("new" in submission.customer) {
    const seen = await db.order.findUnique({ where: { submissionKey: submission.submissionKey }, select: REF });
    if (seen) return alreadySubmitted(deps, seen, actor);
  }
  const foreignOrderNumber = newForeignOrderNumber(now);
  let order: { id: string; customerId: string };
  try {
    if ("id" in submission.customer) {
      // An existing customer (every license action, every renewal of a bulk run): the order, its items
      // and its first event in ONE statement (see insertOrderRow).
      const row = { customerId: submission.customer.id, customerOfAccountKnown: options.customerOfAccountKnown === true, foreignOrderNumber, actor };
      const guard = options.guard;
      const inserted = guard
        ? await db.$transaction(async (tx) => {
            await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${submission.resellerAccountId} || ':' || ${row.customerId}))`;
            await guard(tx);
            return insertOrderRow(tx, submission, row);
          })
        : await insertOrderRow(db, submission, row);
      if (!inserted) {
        // Either the same submission got there first (its key is taken) or the customer is not this account's.
        const existing = await db.order.findUnique({ where: { submissionKey: submission.submissionKey }, select: REF });
        if (existing) return alreadySubmitted(deps, existing, actor);
        throw new AppError("NOT_FOUND", "That customer is not one of this reseller account's customers.", "customer");
      }
      order = { id: inserted, customerId: submission.customer.id };
    } else {
      const newCustomer = submission.customer.new;
      order = await db.$transaction(async (tx) => {
        const customerId = await newCustomerFor(tx, submission.resellerAccountId, newCustomer);
        const created = await tx.order.create({ data: orderData(submission, { customerId, foreignOrderNumber, actor }), select: { id: true, customerId: true } });
        // Items and the first event as flat inserts: a nested create reads the order back afterwards.
        const rows = itemRows(submission);
        await tx.orderItem.createMany({ data: rows.items.map((i) => ({ ...i, orderId: created.id })) });
        if (rows.domains.length > 0) await tx.orderItemDomain.createMany({ data: rows.domains.map((d) => ({ ...d, orderId: created.id })) });
        await tx.orderEvent.createMany({ data: [createdEvent(created.id, actor, foreignOrderNumber)] });
        return created;
      });
    }
  } catch (error) {
    // The account does not exist (any more): nothing was created, nothing sent.
    if (isForeignKeyViolation(error)) throw new AppError("NOT_FOUND", "That reseller account no longer exists.", "resellerAccountId");
    // A disabled account (the database's trigger refused the order row): nothing was created, nothing sent.
    if (isAccountDisabled(error)) throw new AppError("CONFLICT", ACCOUNT_DISABLED_MESSAGE, "resellerAccountId");
    // The same submission inserted meanwhile by a concurrent request: either its order row (unique
    // key) or its new customer (same e-mail) got there first. Answer with that order.
    if (!isUniqueViolation(error) && !(error instanceof AppError && error.field === "customer.email")) throw error;
    const existing = await db.order.findUnique({ where: { submissionKey: submission.submissionKey }, select: REF });
    if (!existing) throw error;
    return alreadySubmitted(deps, existing, actor);
  }

  // 2. The one call to Sectigo.
  let result: SectigoResult<PlacedOrder | PlaceOrderResult>;
  try {
    const client = await deps.sectigo(submission.resellerAccountId, { orderId: order.id, actorId: actorUserId(actor) });
    result =
      submission.sectigo.operation === "autoApplyOrder"
        ? await client.autoApplyOrder({ ...submission.sectigo.input, foreignOrderNumber }, { context: { foreignOrderNumber } })
        : await client.placeOrder(submission.sectigo.input, { context: { foreignOrderNumber } });
  } catch (error) {
    // A fault of ours around the call: whether Sectigo received it is not known.
    console.error(`order ${foreignOrderNumber}: the call to Sectigo failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
    result = { ok: false, error: { kind: "network", domainCode: "UNAVAILABLE", meaning: "", userMessage: "", operation: submission.sectigo.operation, mayHavePlaced: true, retryable: false } };
  }

  // 3. Settle.
  const settledAt = deps.now?.() ?? new Date();
  const full = { id: order.id, customerId: order.customerId, targetLicenseId: submission.targetLicenseId ?? null, request: submission.sectigo, items: submission.items };
  // What this request settled is known without reading it back; only a race (someone settled the
  // order first, e.g. reconciliation) needs the stored state below.
  let moved = false;
  if (result.ok) {
    const value = result.value;
    const placement = {
      orderNumber: value.orderNumber,
      // PlaceOrder answers no cost; with reseller=N Sectigo debits us nothing (lib/orders/order-payer.ts).
      cost: "cost" in value ? value.cost : submission.sectigo.operation === "placeOrder" && !submission.sectigo.input.resellerPays ? 0 : undefined,
      awaiting: submission.sectigo.operation === "placeOrder" ? submission.sectigo.input.resellerPays : false,
      siteLockUserId: "siteLockUserId" in value ? value.siteLockUserId : undefined,
      siteLockSiteId: "siteLockSiteId" in value ? value.siteLockSiteId : undefined,
      via: "answer to the order call",
    };
    // A renewal (every item of a bulk run) settles in one statement; anything else, or a renewal
    // someone else settled first, through the transaction that knows every case.
    const input = submission.sectigo.operation === "autoApplyOrder" ? submission.sectigo.input : null;
    let licenseExpiresAt: Date | null | undefined;
    if (input?.kind === "renewal" && submission.targetLicenseId && !placement.awaiting) {
      const fast = await settleRenewalPlacedAtOnce(db, { id: order.id, targetLicenseId: submission.targetLicenseId }, input, actor, placement, settledAt);
      moved = fast.moved;
      licenseExpiresAt = fast.expiresAt;
    }
    if (!moved) moved = await db.$transaction((tx) => settlePlaced(tx, full, actor, placement, settledAt));
    if (moved) {
      const status = placement.awaiting ? "AWAITING_AUTHORIZATION" : "PLACED";
      return { outcome: status, order: { id: order.id, foreignOrderNumber, orderNumber: placement.orderNumber, status }, ...(licenseExpiresAt ? { licenseExpiresAt } : {}) };
    }
  } else if (result.error.mayHavePlaced) {
    const message = "Sectigo's answer was lost, so whether the order was placed is not known yet. It will not be sent again; Order Desk is checking with Sectigo.";
    await db.$transaction((tx) => settleUnknown(tx, order.id, actor, message, { kind: result.error.kind, httpStatus: result.error.httpStatus ?? null }));
  } else {
    const error = result.error;
    moved = await db.$transaction((tx) => settleFailed(tx, order.id, actor, error, `Sectigo refused the order: ${error.userMessage}`));
    if (moved) {
      return { outcome: "FAILED", order: { id: order.id, foreignOrderNumber, orderNumber: null, status: "FAILED" }, message: error.userMessage, ...(error.parameters ? { parameters: error.parameters } : {}), code: error.code };
    }
  }

  const final = await db.order.findUniqueOrThrow({ where: { id: order.id }, select: { ...REF, errorMessage: true, errorField: true, errorCode: true } });
  const ref: OrderRef = { id: final.id, foreignOrderNumber: final.foreignOrderNumber, orderNumber: final.orderNumber, status: final.status };
  switch (final.status) {
    case "PLACED":
    case "AWAITING_AUTHORIZATION":
      return { outcome: final.status, order: ref };
    case "FAILED":
      return { outcome: "FAILED", order: ref, message: final.errorMessage ?? "Sectigo refused the order.", ...(final.errorField ? { parameters: final.errorField.split(",") } : {}), code: final.errorCode ?? undefined };
    default:
      return { outcome: "UNKNOWN", order: ref, message: final.errorMessage ?? "The outcome of the order is not known yet." };
  }
}

/** The new customer of an order, or the one an earlier refused attempt of the same order made. */
async function newCustomerFor(tx: Parameters<Parameters<OrderDeps["db"]["$transaction"]>[0]>[0], resellerAccountId: string, c: Extract<Submission["customer"], { new: unknown }>["new"]): Promise<string> {
  const taken = await tx.customer.findFirst({ where: { resellerAccountId, email: c.email }, select: { id: true } });
  if (taken) {
    // Made by an earlier attempt that Sectigo refused (the form says "correct it and place it
    // again"): that is still the new customer being ordered for, not someone else.
    const real = await tx.order.count({ where: { customerId: taken.id, status: { not: "FAILED" } } });
    if (real === 0) return taken.id;
    throw new AppError("CONFLICT", "A customer with this e-mail address exists already: pick them from the customer list.", "customer.email");
  }
  const created = await tx.customer.create({
    data: { resellerAccountId, name: c.name, email: c.email, foreName: c.foreName, surName: c.surName, telephone: c.telephone, country: c.country },
    select: { id: true },
  });
  return created.id;
}

type Submission = ReturnType<typeof orderSubmissionSchema.parse>;

function orderData(submission: Submission, o: { customerId: string; foreignOrderNumber: string; actor: Actor }) {
  return {
    foreignOrderNumber: o.foreignOrderNumber,
    submissionKey: submission.submissionKey,
    kind: submission.kind,
    targetLicenseId: submission.targetLicenseId ?? null,
    licenseVersion: submission.licenseVersion ?? null,
    status: "SUBMITTING" as const,
    customerId: o.customerId,
    resellerAccountId: submission.resellerAccountId,
    placedById: actorUserId(o.actor),
    currency: submission.currency,
    sellTotal: sum(submission.items.map((i) => i.sellPrice)),
    buyTotal: sum(submission.items.map((i) => i.buyPrice)),
    operation: submission.sectigo.operation,
    request: withoutSecrets(submission.sectigo),
    testMode: Boolean((submission.sectigo.input as { testMode?: boolean }).testMode),
  };
}

/**
 * The order of an existing customer, its items and its first event in ONE statement (a CTE), where
 * a Prisma transaction takes five round trips (BEGIN, three inserts, COMMIT): a bulk renewal run
 * places thousands, and on these machines every statement costs a system call on each side.
 * The same columns as `orderData` (a test compares the rows both paths write).
 *
 * - Unless the caller read the customer and the account from one row (`customerOfAccountKnown`),
 *   the insert happens only if the customer is one of the account's.
 * - `ON CONFLICT ("submissionKey") DO NOTHING`: the same submission seen before inserts nothing.
 *   Any other unique violation (one change per license and version, one open change per license:
 *   another order on the license won) still raises, for the caller to answer.
 *
 * Returns the new order's id, or null when nothing was inserted (key taken, or not the account's customer).
 */
async function insertOrderRow(db: Prisma.TransactionClient, submission: Submission, o: { customerId: string; customerOfAccountKnown: boolean; foreignOrderNumber: string; actor: Actor }): Promise<string | null> {
  const d = orderData(submission, o);
  const written = new Date();
  const orderId = newRowId();
  const { items, domains } = itemRows(submission);
  const event = createdEvent(orderId, o.actor, o.foreignOrderNumber);
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    WITH o AS (
      INSERT INTO "Order" (id, "foreignOrderNumber", "submissionKey", kind, "targetLicenseId", "licenseVersion", status, "customerId", "resellerAccountId", "placedById",
                           currency, "sellTotal", "buyTotal", operation, request, "testMode", "createdAt", "updatedAt")
      SELECT ${orderId}, ${d.foreignOrderNumber}, ${d.submissionKey}, ${d.kind}::"OrderKind", ${d.targetLicenseId}, ${d.licenseVersion}::int, 'SUBMITTING'::"OrderStatus", ${d.customerId}, ${d.resellerAccountId}, ${d.placedById},
             ${d.currency}, ${d.sellTotal}::numeric, ${d.buyTotal}::numeric, ${d.operation}, ${JSON.stringify(d.request)}::jsonb, ${d.testMode}, ${written}::timestamp, ${written}::timestamp
      WHERE ${o.customerOfAccountKnown} OR EXISTS (SELECT 1 FROM "Customer" c WHERE c.id = ${d.customerId} AND c."resellerAccountId" = ${d.resellerAccountId})
      ON CONFLICT ("submissionKey") DO NOTHING
      RETURNING id
    ), items AS (
      INSERT INTO "OrderItem" (id, "orderId", "productCode", "productName", days, "domainName", "isAddOn", cost, "createdAt", "updatedAt")
      SELECT x.id, o.id, x."productCode", x."productName", x.days, x."domainName", x."isAddOn", x.cost, ${written}::timestamp, ${written}::timestamp
      FROM o, jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x(id text, "productCode" int, "productName" text, days int, "domainName" text, "isAddOn" boolean, cost numeric)
    ), domains AS (
      INSERT INTO "OrderItemDomain" (id, "orderItemId", "orderId", "domainName", source)
      SELECT x.id, x."orderItemId", o.id, x."domainName", x.source
      FROM o, jsonb_to_recordset(${JSON.stringify(domains)}::jsonb) AS x(id text, "orderItemId" text, "domainName" text, source text)
    ), event AS (
      INSERT INTO "OrderEvent" (id, "orderId", "createdAt", "actorId", "actorLabel", kind, "toStatus", message)
      SELECT ${newRowId()}, o.id, ${written}::timestamp, ${event.actorId ?? null}, ${event.actorLabel}, ${event.kind}, 'SUBMITTING'::"OrderStatus", ${event.message} FROM o
    )
    SELECT id FROM o`;
  return rows[0]?.id ?? null;
}

function createdEvent(orderId: string, actor: Actor, foreignOrderNumber: string) {
  return eventData(orderId, actor, { kind: "CREATED", to: "SUBMITTING", message: `Order ${foreignOrderNumber} created; sending it to Sectigo.` });
}

async function alreadySubmitted(deps: OrderDeps, order: OrderRef, actor: Actor): Promise<SubmitResult> {
  await deps.db.orderEvent.create({
    data: eventData(order.id, actor, { kind: "DUPLICATE_SUBMISSION", message: "The same submission arrived again; nothing was sent to Sectigo." }),
  });
  return { outcome: "ALREADY_SUBMITTED", order };
}

/** The request as stored on the order: any value under a key that names a password is dropped. */
export function withoutSecrets(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (/password/i.test(key) ? undefined : v))) as Prisma.InputJsonValue;
}

function sum(values: Array<number | null>): number | null {
  if (values.some((v) => v === null)) return null;
  return Math.round((values as number[]).reduce((a, b) => a + b, 0) * 100) / 100;
}


