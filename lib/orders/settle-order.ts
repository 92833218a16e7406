/**
 * Moving an order out of SUBMITTING or UNKNOWN, exactly once: every change is a conditional update
 * (`WHERE status IN (...)`) in a transaction with its event, so two settlements racing (the request
 * that made the call and a reconciliation pass) cannot both apply. A placed SiteLock order records
 * its license and add-ons in the same transaction.
 */
import { Prisma, type OrderStatus } from "@/lib/generated/prisma/client";
import { newRowId } from "@/lib/db/ids";
import type { Actor } from "@/lib/auth/session";
import { actorLabel, actorUserId } from "@/lib/auth/system-actor";
import type { AutoApplyOrderInput, SectigoError } from "@/lib/sectigo/client";
import { allowedAddOnCodes } from "@/lib/catalog";
import type { OrderSubmission } from "./submission";
import { activateAuthorizedLicenses } from "./authorized-licenses";
import { orderPayer, PAYER_LABELS } from "./order-payer";

type Tx = Prisma.TransactionClient;
const DAY_MS = 86_400_000;
/** SiteLock plans that make a license (the products table of Sectigo's "SRA integration API overview"); the catalog will own this list. */
const SITELOCK_PLANS = new Set([1059, 1060, 1061, 1062]);

/** Statuses a settlement may leave from: the call under way, or an outcome nobody knows yet. */
export const OPEN_STATUSES: OrderStatus[] = ["SUBMITTING", "UNKNOWN"];

export interface EventInput {
  kind: string;
  message: string;
  from?: OrderStatus | null;
  to?: OrderStatus | null;
  data?: Prisma.InputJsonValue;
}

export function eventData(orderId: string, actor: Actor, e: EventInput): Prisma.OrderEventCreateManyInput {
  return {
    orderId,
    actorId: actorUserId(actor),
    actorLabel: actorLabel(actor),
    kind: e.kind,
    message: e.message,
    fromStatus: e.from ?? null,
    toStatus: e.to ?? null,
    data: e.data,
  };
}

/**
 * Moves the order from one of `from` to `to` with `changes`; false (and nothing written) when
 * another settlement got there first.
 */
export async function transition(
  tx: Tx,
  orderId: string,
  actor: Actor,
  opts: { from: OrderStatus[]; to: OrderStatus; changes?: Prisma.OrderUpdateManyMutationInput; event: Omit<EventInput, "from" | "to"> },
): Promise<boolean> {
  const move = async (from: OrderStatus) => (await tx.order.updateMany({ where: { id: orderId, status: from }, data: { ...opts.changes, status: opts.to } })).count === 1;
  // The first starting status is the usual one (SUBMITTING for an answer to our call): try it
  // without reading first (the update's condition checks it); read the status only if it was not.
  let from: OrderStatus | undefined = opts.from[0];
  if (!from) return false;
  if (!(await move(from))) {
    if (opts.from.length === 1) return false;
    from = (await tx.order.findUnique({ where: { id: orderId }, select: { status: true } }))?.status;
    if (!from || from === opts.from[0] || !opts.from.includes(from) || !(await move(from))) return false;
  }
  await tx.orderEvent.create({ data: eventData(orderId, actor, { ...opts.event, from, to: opts.to }) });
  return true;
}

export interface Placement {
  orderNumber: string;
  /** What Sectigo debited (or will), when it said. */
  cost?: number;
  /** Sectigo accepted but waits: payment/validation pending (AutoApplyOrder 1) or reseller=Y authorization. */
  awaiting: boolean;
  siteLockUserId?: string;
  siteLockSiteId?: string;
  /** How we learnt it: the call's answer, or a reconciliation. */
  via: string;
  /** PLACED (default) or AUTHORIZED (a reseller=Y order the reseller authorized). */
  eventKind?: "PLACED" | "AUTHORIZED";
  /**
   * When the licenses' term starts, if not at settlement: an authorized reseller=Y order's licenses
   * run from when Sectigo placed it (its placedAt while it waited), not from the authorization.
   */
  termStartsAt?: Date;
}

interface OrderForSettlement {
  id: string;
  customerId: string;
  /** `Order.targetLicenseId` when the caller knows it (null: none); omitted, it is read. */
  targetLicenseId?: string | null;
  request: unknown;
  items: Array<{ productCode: number; productName: string; days: number | null; domainName: string | null; isAddOn: boolean }>;
}

/**
 * SUBMITTING/UNKNOWN (or, for an authorization, AWAITING_AUTHORIZATION) -> PLACED or
 * AWAITING_AUTHORIZATION, with the license bookkeeping once the order is PLACED.
 */
export async function settlePlaced(
  tx: Tx,
  order: OrderForSettlement,
  actor: Actor,
  placement: Placement,
  now: Date,
  from: OrderStatus[] = OPEN_STATUSES,
): Promise<boolean> {
  const to: OrderStatus = placement.awaiting ? "AWAITING_AUTHORIZATION" : "PLACED";
  const moved = await transition(tx, order.id, actor, {
    from,
    to,
    changes: {
      pendingAction: null,
      orderNumber: placement.orderNumber,
      totalCost: placement.cost,
      placedAt: now,
      errorCode: null,
      errorMessage: null,
      errorField: null,
    },
    event: placedEvent(placement, to, order.request),
  });
  if (moved && !placement.awaiting) {
    // Authorized: the licenses held while the order waited become active with it (authorized-licenses.ts).
    if (placement.eventKind === "AUTHORIZED" && (await activateAuthorizedLicenses(tx, order.id, placement)) > 0) return moved;
    await recordLicenses(tx, order, placement, placement.termStartsAt ?? now);
  }
  return moved;
}

function placedEvent(placement: Placement, to: OrderStatus, request?: unknown) {
  // A PlaceOrder with reseller=N says so on the placed order's timeline: nobody debits us for it.
  const payer = orderPayer(request) === "CUSTOMER_VIA_SECTIGO" ? ` ${PAYER_LABELS.CUSTOMER_VIA_SECTIGO}.` : "";
  return {
    kind: to === "PLACED" ? placement.eventKind ?? "PLACED" : "AWAITING_AUTHORIZATION",
    message:
      to === "PLACED"
        ? `${placement.eventKind === "AUTHORIZED" ? "Sectigo authorized" : "Sectigo placed"} order ${placement.orderNumber} (${placement.via}).${payer}`
        : `Sectigo accepted order ${placement.orderNumber}; it waits for authorization (${placement.via}).`,
    data: { orderNumber: placement.orderNumber, cost: placement.cost ?? null },
  };
}

/**
 * The answer to our own renewal call said "placed": SUBMITTING -> PLACED, its event and the renewed
 * license and add-ons in ONE statement, where the transaction of `settlePlaced` takes six round trips
 * (a bulk run renews thousands; on these machines each statement costs a system call on both sides).
 * Atomic as a statement is: the license moves only if the order did. The license rule is the same
 * SQL the transactional path uses (`renewedLicenseCtes`).
 *
 * Only from SUBMITTING: when someone settled the order first (the reconciliation pass marked a slow
 * call UNKNOWN), nothing is written and the caller goes through `settlePlaced`, which knows every case.
 * Returns whether the order moved and the license's new expiry.
 */
export async function settleRenewalPlacedAtOnce(
  db: Tx,
  order: { id: string; targetLicenseId: string },
  renewal: Extract<AutoApplyOrderInput, { kind: "renewal" }>,
  actor: Actor,
  placement: Placement,
  now: Date,
): Promise<{ moved: boolean; expiresAt: Date | null }> {
  const written = new Date();
  const event = placedEvent(placement, "PLACED");
  const rows = await db.$queryRaw<Array<{ moved: number; expiresAt: Date | null }>>`
    WITH moved AS (
      UPDATE "Order" SET status = 'PLACED'::"OrderStatus", "pendingAction" = NULL, "orderNumber" = ${placement.orderNumber}, "totalCost" = ${placement.cost ?? null}::numeric,
        "placedAt" = ${now}::timestamp, "errorCode" = NULL, "errorMessage" = NULL, "errorField" = NULL, "updatedAt" = ${written}::timestamp
      WHERE id = ${order.id} AND status = 'SUBMITTING'::"OrderStatus"
      RETURNING id
    ), event AS (
      INSERT INTO "OrderEvent" (id, "orderId", "createdAt", "actorId", "actorLabel", kind, "fromStatus", "toStatus", message, data)
      SELECT ${newRowId()}, moved.id, ${written}::timestamp, ${actorUserId(actor)}, ${actorLabel(actor)}, ${event.kind}, 'SUBMITTING'::"OrderStatus", 'PLACED'::"OrderStatus", ${event.message}, ${JSON.stringify(event.data)}::jsonb
      FROM moved
    ), ${renewedLicenseCtes(Prisma.sql`moved`, order.targetLicenseId, renewal, placement.orderNumber, now, written)}
    SELECT (SELECT count(*)::int FROM moved) AS moved, (SELECT "expiresAt" FROM lic) AS "expiresAt"`;
  const row = rows[0];
  return { moved: (row?.moved ?? 0) > 0, expiresAt: row?.expiresAt ?? null };
}

/**
 * The renewal rule as SQL, gated on `gate` (a relation with a row when the change applies): the new
 * term starts at the old expiry (remaining days carry over, as at Sectigo and the sandbox), or now
 * if the license had expired; the add-ons sent along renew to the same term (Sectigo's "Renewing product licenses": one
 * product plus its add-on IDs). Two CTEs: `lic` (RETURNING the new expiry) and `addons`.
 */
function renewedLicenseCtes(gate: Prisma.Sql, licenseId: string, renewal: Extract<AutoApplyOrderInput, { kind: "renewal" }>, orderNumber: string, now: Date, written: Date): Prisma.Sql {
  return Prisma.sql`lic AS (
      UPDATE "License" l SET "expiresAt" = GREATEST(l."expiresAt", ${now}::timestamp) + make_interval(days => ${renewal.days}::int), "termDays" = ${renewal.days}::int,
        "currentOrderNumber" = ${orderNumber}, status = 'ACTIVE'::"LicenseStatus", "autoRenew" = ${renewal.autoRenew}, "updatedAt" = ${written}::timestamp
      FROM ${gate}
      WHERE l.id = ${licenseId}
      RETURNING l.id, l."productCode", l."expiresAt"
    ), addons AS (
      UPDATE "AddOn" a SET "expiresAt" = GREATEST(a."expiresAt", ${now}::timestamp) + make_interval(days => ${renewal.days}::int), "updatedAt" = ${written}::timestamp
      FROM lic
      WHERE a."licenseId" = lic.id AND a.status = 'ACTIVE'::"AddOnStatus" AND a."productCode" = ANY(${renewal.productCodes}::int[]) AND a."productCode" <> lic."productCode"
    )`;
}

export async function settleFailed(
  tx: Tx,
  orderId: string,
  actor: Actor,
  error: Pick<SectigoError, "code" | "userMessage" | "parameters" | "vendorMessage">,
  note: string,
  from: OrderStatus[] = OPEN_STATUSES,
): Promise<boolean> {
  return transition(tx, orderId, actor, {
    from,
    to: "FAILED",
    // errorField keeps the wire parameters Sectigo named, comma-separated (no parameter name has a comma).
    changes: { errorCode: error.code ?? null, errorMessage: error.userMessage, errorField: error.parameters?.join(",") || null },
    event: { kind: "FAILED", message: note, data: { code: error.code ?? null, parameters: error.parameters ?? null, vendorMessage: error.vendorMessage ?? null } },
  });
}

export async function settleUnknown(tx: Tx, orderId: string, actor: Actor, message: string, data?: Prisma.InputJsonValue): Promise<boolean> {
  return transition(tx, orderId, actor, { from: ["SUBMITTING"], to: "UNKNOWN", changes: { errorMessage: message }, event: { kind: "UNKNOWN", message, data } });
}

/**
 * The license side of a placed SiteLock order (AutoApplyOrder): a new license with its add-ons,
 * add-ons on an existing license, a renewal or a plan change of one, SiteLock 911, or the bundle
 * that comes with an SSL certificate. Dates are Order Desk's estimate from the term; the sync with
 * WebHostReport corrects them from Sectigo's.
 */
async function recordLicenses(tx: Tx, order: OrderForSettlement, placement: Placement, now: Date): Promise<void> {
  const request = order.request as OrderSubmission["sectigo"] | null;
  if (!request) return;
  const nameOf = (code: number) => order.items.find((i) => i.productCode === code)?.productName ?? `Product ${code}`;
  const base = {
    customerId: order.customerId,
    orderId: order.id,
    currentOrderNumber: placement.orderNumber,
    status: "ACTIVE" as const,
    startsAt: now,
    slUserId: placement.siteLockUserId ?? null,
    slSiteId: placement.siteLockSiteId ?? null,
  };
  const addOns = async (licenseId: string, codes: number[], expiresAt: Date | null) => {
    if (codes.length === 0) return;
    await tx.addOn.createMany({
      data: codes.map((code) => ({ licenseId, orderId: order.id, productCode: code, productName: nameOf(code), startsAt: now, expiresAt })),
    });
  };
  if (request.operation === "placeOrder") {
    // SiteLock plans ordered through PlaceOrder: a license per plan item, its add-on items on it.
    const term = order.items.find((i) => SITELOCK_PLANS.has(i.productCode));
    if (!term?.domainName) return;
    const expiresAt = term.days ? new Date(now.getTime() + term.days * DAY_MS) : null;
    // PlaceOrder sends no enableAutoRenew: for reseller=Y the account's setting decides (Sectigo's Partner
    // Portal "Ordering products": an omitted enableAutoRenew leaves it to the account; the SRA page says Y),
    // as at the sandbox; reseller=N (Sectigo charges the customer) never renews from our funds.
    // (Recording it off for reseller=Y disagreed with Sectigo: issue 16's leftover.)
    const autoRenew =
      orderPayer(request) === "RESELLER_AFTER_AUTHORIZATION" &&
      ((await tx.order.findUnique({ where: { id: order.id }, select: { resellerAccount: { select: { autoRenewDefault: true } } } }))?.resellerAccount.autoRenewDefault ?? false);
    const license = await tx.license.create({
      data: { ...base, productCode: term.productCode, productName: term.productName, domainName: term.domainName, termDays: term.days, expiresAt, autoRenew },
    });
    await addOns(license.id, order.items.filter((i) => i.isAddOn).map((i) => i.productCode), expiresAt);
    return;
  }
  const input = request.input as AutoApplyOrderInput;
  switch (input.kind) {
    case "newCustomer":
    case "existingCustomer": {
      const expiresAt = new Date(now.getTime() + input.days * DAY_MS);
      const license = await tx.license.create({
        data: { ...base, productCode: input.productCode, productName: nameOf(input.productCode), domainName: input.domainName, termDays: input.days, expiresAt, autoRenew: input.autoRenew },
      });
      await addOns(license.id, input.addOnCodes ?? [], expiresAt);
      return;
    }
    case "addOn": {
      const license = await existingLicense(tx, order, input.previousOrderNumber, input.domainName);
      // A new add-on runs for its own term from today, as Sectigo sells it: it may outlive the license.
      if (license) await addOns(license.id, input.addOnCodes, new Date(now.getTime() + input.days * DAY_MS));
      return;
    }
    case "renewal": {
      const license = await existingLicense(tx, order, input.previousOrderNumber, input.domainName);
      if (!license) return;
      await tx.$queryRaw`WITH ${renewedLicenseCtes(Prisma.sql`(SELECT 1) AS go`, license.id, input, placement.orderNumber, now, new Date())} SELECT count(*)::int AS n FROM lic`;
      return;
    }
    case "planChange": {
      const license = await existingLicense(tx, order, input.previousOrderNumber, input.domainName);
      if (!license) return;
      await tx.license.update({
        where: { id: license.id },
        // The changed license starts on the change date and keeps its expiry (Sectigo's "Upgrading or downgrading products").
        data: { productCode: input.productCode, productName: nameOf(input.productCode), currentOrderNumber: placement.orderNumber, autoRenew: input.autoRenew, startsAt: now },
      });
      // Sectigo cancels the add-ons the new plan cannot hold (lib/licenses/rules/add-on-rules.ts, addOnsLost).
      await tx.addOn.updateMany({ where: { licenseId: license.id, status: "ACTIVE", productCode: { notIn: allowedAddOnCodes(input.productCode) } }, data: { status: "CANCELLED" } });
      await addOns(license.id, input.addOnCodes ?? [], license.expiresAt);
      return;
    }
    case "siteLock911":
      await tx.license.create({ data: { ...base, productCode: 1082, productName: nameOf(1082), domainName: input.domainName, termDays: 0, expiresAt: null, autoRenew: false } });
      return;
    case "sslBundle":
      if (input.disableSiteLock) return;
      await tx.license.create({
        // A wildcard certificate brings a license for the root domain only (Sectigo's "Ordering products", the SSL PLUS SiteLock Bundle).
        data: { ...base, productCode: 1072, productName: nameOf(1072), domainName: input.domainName.replace(/^\*\./, ""), termDays: input.days, expiresAt: new Date(now.getTime() + input.days * DAY_MS), autoRenew: false },
      });
      return;
  }
}

/**
 * The license an order acts on: the one it names (`Order.targetLicenseId`, set by every license
 * action), else by the order number it was placed under, else the customer's active license for the domain.
 */
async function existingLicense(tx: Tx, order: { id: string; customerId: string; targetLicenseId?: string | null }, previousOrderNumber: string, domainName: string) {
  const { customerId } = order;
  const target =
    order.targetLicenseId === undefined
      ? (await tx.order.findUnique({ where: { id: order.id }, select: { targetLicense: true } }))?.targetLicense
      : order.targetLicenseId && (await tx.license.findUnique({ where: { id: order.targetLicenseId } }));
  if (target) return target;
  return (
    (await tx.license.findFirst({ where: { customerId, currentOrderNumber: previousOrderNumber } })) ??
    (await tx.license.findFirst({ where: { customerId, domainName: { equals: domainName, mode: "insensitive" }, status: "ACTIVE" }, orderBy: { createdAt: "desc" } }))
  );
}
