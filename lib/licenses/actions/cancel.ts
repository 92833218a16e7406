/**
 * Cancel a license, with a refund when the 14-day refund window is open (Sectigo's "Canceling orders"):
 * AutoRefund inside the window (refunds AND cancels), modifyThirdPartyDetails CANCELLICENCE outside
 * it or for a monthly license (cancels, no refund). The add-ons go with the base license.
 * Inside the window the page offers only the refund: CANCELLICENCE there refunds too (Sectigo's
 * modifyThirdPartyDetails reference), so "cancel without a refund" is not a choice Sectigo offers.
 * The plain cancellation stays the way out after Sectigo refused the refund; sent while the window
 * was open, what Sectigo then did (refunded or only cancelled) is read back and recorded
 * (cancel-read-back.ts).
 *
 * Exactly once, like every order (lib/orders/README.md): a REFUND or CANCELLATION order acting on the
 * license is written with the form's unique `submissionKey` before the one call; the same submission
 * again is answered with that order. A lost answer leaves it UNKNOWN: never sent again.
 */
import { answeredByTwin, refusedWithoutOrder } from "../../orders/twin-submission";
import { withLicenseStateRecorded } from "@/lib/audit/record-state-change";
import { recordChange } from "@/lib/audit/audit-scope";
import { isUniqueViolation } from "@/lib/db/errors";
import type { z } from "zod";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { actorUserId } from "@/lib/auth/system-actor";
import { AppError } from "@/lib/errors";
import { licenseStatus, type DerivedStatus } from "@/lib/licenses/rules/status";
import { autoRefundApplies } from "@/lib/licenses/rules/refund-window";
import { cancellationCall, currentPeriodStart, refundWindow, type CancellationCall, type RefundWindow } from "@/lib/licenses/rules/refund-window";
import { cancellationPreviewSchema, cancelLicenseSchema, type CancelLicenseInput } from "./cancel-schema";
import type { SectigoError, SectigoResult } from "@/lib/sectigo/client";
import type { OrderDeps } from "../../orders/order-deps";
import { licenseChangeConflict, pendingLicenseOrder } from "../../orders/pending-license-order";
import { eventData, settleFailed, settleUnknown, transition } from "../../orders/settle-order";
import { settleCancellation } from "../../orders/settle-cancellation";
import { newForeignOrderNumber } from "../../orders/submit-order";
import { daysLost, refundAmount, type AmountBack } from "./cancel-money";
import { cancellationReadBack, type ReadBack } from "./cancel-read-back";
import { licenseEnding, type LicenseEnding } from "../queries/license-ending";

export { cancellationPreviewSchema, cancelLicenseSchema, type CancelLicenseInput };

export interface CancellationPreview {
  ok: true;
  license: { id: string; domainName: string; productName: string; termDays: number | null; expiresAt: Date | null };
  window: RefundWindow;
  call: CancellationCall;
  /** REFUND inside the window, CANCELLATION otherwise (and always for the bundle). */
  kind: "REFUND" | "CANCELLATION";
  /** The SSL PLUS SiteLock Bundle (1072): CANCELLICENCE, no refund, whatever the window. */
  bundle: boolean;
  addOns: { id: string; productName: string }[];
  /**
   * AutoRefund may be tried (inside the period, not the bundle): then it is the one choice offered, and
   * the plain cancellation only after Sectigo refused the refund (it would refund too otherwise).
   */
  refundOffered: boolean;
  /** What a refund would give back (the period's debits), null when no debit is known. */
  amountBack: AmountBack | null;
  /** The days the license would still have run: lost either way, since it ends now. */
  daysLost: number;
}
export type CancellationPreviewResult =
  | CancellationPreview
  | {
      ok: false;
      code: "NOT_ACTIVE" | "NO_ORDER_NUMBER" | "ORDER_PENDING";
      message: string;
      license: { id: string; domainName: string; productName: string; status: DerivedStatus };
      /** A refunded or cancelled license: how and when it ended (what the page says instead of a refusal). */
      ending?: LicenseEnding | null;
    };

async function loadLicense(deps: OrderDeps, licenseId: string) {
  const license = await deps.db.license.findUnique({
    where: { id: licenseId },
    include: {
      addOns: { where: { status: "ACTIVE" }, orderBy: { createdAt: "asc" }, select: { id: true, productName: true } },
      order: { select: { placedAt: true } },
      customer: { select: { id: true, resellerAccountId: true } },
      // The refund window restarts at the last renewal.
      actingOrders: { where: { kind: "RENEWAL", status: "PLACED" }, orderBy: { placedAt: "desc" }, take: 1, select: { placedAt: true } },
    },
  });
  if (!license) throw new AppError("NOT_FOUND", "That license does not exist.", "licenseId");
  return license;
}

async function previewOf(deps: OrderDeps, license: Awaited<ReturnType<typeof loadLicense>>, now: Date, pending: { message: string } | null): Promise<CancellationPreviewResult> {
  const status = licenseStatus(license, now);
  const summary = { id: license.id, domainName: license.domainName, productName: license.productName, status };
  if (status !== "ACTIVE" && status !== "RENEWABLE") {
    return { ok: false, code: "NOT_ACTIVE", message: `Only an active license can be cancelled; this one is ${status.toLowerCase()}.`, license: summary };
  }
  if (pending) return { ok: false, code: "ORDER_PENDING", message: pending.message, license: summary };
  if (!license.currentOrderNumber) return { ok: false, code: "NO_ORDER_NUMBER", message: "Sectigo's order number of this license is not known yet.", license: summary };
  const renewals = license.actingOrders.flatMap((o) => (o.placedAt ? [o.placedAt] : []));
  const periodStart = currentPeriodStart(license.order.placedAt ?? license.startsAt, renewals);
  const window = refundWindow({ termDays: license.termDays, periodStart }, now);
  // The bundle (1072) is always cancelled with CANCELLICENCE and refunds nothing (it came free with
  // its certificate): a CANCELLATION, inside the window or not.
  const bundle = !autoRefundApplies(license.productCode);
  const call = bundle ? "cancelLicense" : cancellationCall(window);
  const refundOffered = call === "autoRefund";
  return {
    ok: true,
    license: { id: license.id, domainName: license.domainName, productName: license.productName, termDays: license.termDays, expiresAt: license.expiresAt },
    window,
    call,
    kind: call === "autoRefund" ? "REFUND" : "CANCELLATION",
    bundle,
    addOns: license.addOns,
    refundOffered,
    amountBack: refundOffered ? await refundAmount(deps.db, license, { start: periodStart, renewed: renewals.length > 0 }, now) : null,
    daysLost: daysLost(license.expiresAt, now),
  };
}

export async function previewCancellation(actor: Actor | null, raw: z.input<typeof cancellationPreviewSchema>, deps: OrderDeps): Promise<CancellationPreviewResult> {
  assertCan(actor, "manageRenewals");
  const input = cancellationPreviewSchema.parse(raw);
  const license = await loadLicense(deps, input.licenseId);
  const preview = await previewOf(deps, license, deps.now?.() ?? new Date(), await pendingLicenseOrder(deps, input.licenseId));
  return preview.ok || preview.code !== "NOT_ACTIVE" ? preview : { ...preview, ending: await licenseEnding(deps.db, license) };
}

export type CancelLicenseResult =
  | {
      ok: true;
      orderId: string;
      outcome: "REFUNDED" | "CANCELLED" | "UNKNOWN" | "ALREADY_SUBMITTED";
      message?: string;
      /**
       * REFUNDED / CANCELLED: when Sectigo confirmed it, what came back (a refund, or a plain cancellation
       * Sectigo refunded as well) and the days the license had left.
       */
      endedAt?: Date;
      amountBack?: AmountBack | null;
      daysLost?: number;
      /**
       * A plain cancellation sent while the refund period was open: what Sectigo's report then showed
       * ("REFUNDED": it refunded it too, the license is recorded refunded), null when it could not be read.
       */
      readBack?: ReadBack;
    }
  | {
      ok: false;
      code: "NOT_ACTIVE" | "NO_ORDER_NUMBER" | "ORDER_PENDING" | "CHANGED" | "FAILED" | "NOT_REFUNDABLE";
      message: string;
      orderId?: string;
      /** Sectigo refused the refund: nothing happened, and the plain cancellation (which always works) is still open. */
      cancelWithoutRefund?: boolean;
    };

/** Sectigo's refusal of an AutoRefund, in plain words: nothing happened, and what is still possible. */
export function refundRefusedMessage(error: Pick<SectigoError, "domainCode" | "meaning">): string {
  const why =
    error.domainCode === "NOT_APPLICABLE"
      ? "Sectigo no longer counts this license inside its refund period (or does not refund this product)"
      : `Sectigo's answer: ${(error.meaning || "refused").replace(/[.!]+$/, "")}`;
  return `Sectigo refused the refund. ${why}. Nothing was refunded and the license is still active. You can still cancel it without a refund.`;
}

const SEEN = { id: true, status: true, errorMessage: true, kind: true, targetLicenseId: true } as const;

async function cancelLicenseOnce(actor: Actor | null, raw: CancelLicenseInput, deps: OrderDeps): Promise<CancelLicenseResult> {
  assertCan(actor, "manageRenewals");
  const input = cancelLicenseSchema.parse(raw);
  const { db } = deps;
  const seen = await db.order.findUnique({ where: { submissionKey: input.submissionKey }, select: SEEN });
  if (seen) return alreadySubmitted(deps, seen, input.licenseId, actor);
  const license = await loadLicense(deps, input.licenseId);
  const now = deps.now?.() ?? new Date();
  const found = await previewOf(deps, license, now, await pendingLicenseOrder(deps, license.id));
  if (!found.ok) return { ok: false, code: found.code, message: found.message };
  if (input.mode === "refund" && !found.refundOffered) {
    return { ok: false, code: "NOT_REFUNDABLE", message: found.bundle ? "The SSL PLUS SiteLock Bundle is never refunded: cancel it without a refund." : "The refund period is over: the license can only be cancelled without a refund." };
  }
  // The person chose the plain cancellation (e.g. after Sectigo refused the refund): CANCELLICENCE.
  const preview: CancellationPreview = input.mode === "cancel" ? { ...found, call: "cancelLicense", kind: "CANCELLATION" } : found;
  const orderNumber = license.currentOrderNumber as string;
  const request =
    preview.call === "autoRefund"
      ? { operation: "autoRefund" as const, input: { orderNumber, reason: input.reason ?? ("other" as const) } }
      : { operation: "modifyThirdPartyDetails" as const, input: { action: "cancelLicense" as const, orderNumber, productCode: license.productCode } };

  // 1. Claim: one row per submission key; only the request that inserted it calls Sectigo. The row
  // carries the license's version read above: the database lets it in only if no other change was
  // made on that version (pending-license-order.ts), so the checks above still hold at the claim.
  const foreignOrderNumber = newForeignOrderNumber(now);
  let orderId: string;
  try {
    const created = await db.order.create({
      data: {
        foreignOrderNumber, submissionKey: input.submissionKey, kind: preview.kind, status: "SUBMITTING",
        customerId: license.customer.id, resellerAccountId: license.customer.resellerAccountId, placedById: actorUserId(actor),
        targetLicenseId: license.id, licenseVersion: license.changeVersion, operation: request.operation, request,
        events: { create: [createdEvent(actor, foreignOrderNumber, preview)] },
      },
      select: { id: true },
    });
    orderId = created.id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db.order.findUnique({ where: { submissionKey: input.submissionKey }, select: SEEN });
    if (existing) return alreadySubmitted(deps, existing, input.licenseId, actor);
    // Another order on this license got in between our checks and our insert: still open, or placed
    // (the license changed since we read it). The database let one through; this one is answered.
    const conflict = await licenseChangeConflict(deps, license.id, error);
    if (conflict) return { ok: false, ...conflict };
    throw error;
  }

  // 2. The one call.
  let result: SectigoResult<unknown>;
  let client: Awaited<ReturnType<OrderDeps["sectigo"]>> | null = null;
  try {
    client = await deps.sectigo(license.customer.resellerAccountId, { orderId, actorId: actorUserId(actor) });
    const context = { context: { foreignOrderNumber } };
    result = request.operation === "autoRefund" ? await client.autoRefund(request.input, context) : await client.modifyThirdPartyDetails(request.input, context);
  } catch (error) {
    console.error(`order ${foreignOrderNumber}: the call to Sectigo failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
    result = { ok: false, error: { kind: "network", domainCode: "UNAVAILABLE", meaning: "", userMessage: "", operation: request.operation, mayHavePlaced: true, retryable: false } };
  }

  // 3. Settle.
  const outcome = preview.kind === "REFUND" ? "REFUNDED" : "CANCELLED";
  if (result.ok) {
    // A plain cancellation while the window was open: Sectigo refunds it too if it still counts the
    // license inside its period, and its answer does not say which. Read it back (a report, no money).
    const readBack = outcome === "CANCELLED" && preview.window.state === "OPEN" && !preview.bundle && client ? await cancellationReadBack(client, orderNumber, license.productCode) : undefined;
    const licenseOutcome = readBack === "REFUNDED" ? "REFUNDED" : outcome;
    const endedAt = deps.now?.() ?? new Date();
    // What came back, as the preview worked it out (Sectigo's answer carries no amount): recorded
    // with the event, so the license page says "Refunded on … ($x back)" later (license-ending.ts).
    const amountBack = licenseOutcome === "REFUNDED" ? preview.amountBack : null;
    const moved = await db.$transaction(async (tx) => {
      const ok = await transition(tx, orderId, actor, {
        from: ["SUBMITTING"],
        to: "PLACED",
        changes: { placedAt: endedAt },
        event: {
          kind: "PLACED",
          message: `Sectigo ${outcome === "REFUNDED" ? "refunded and cancelled" : "cancelled"} the license of order ${orderNumber} (answer to the call).${readBackNote(readBack)}`,
          data: { orderNumber, ...(amountBack ? { amountBack: { amount: amountBack.amount, currency: amountBack.currency } } : {}) },
        },
      });
      if (ok) await settleCancellation(tx, license.id, licenseOutcome);
      return ok;
    });
    if (moved) return { ok: true, orderId, outcome, endedAt, amountBack, daysLost: preview.daysLost, ...(readBack !== undefined ? { readBack } : {}) };
  } else if (result.error.mayHavePlaced) {
    const message = "Sectigo's answer was lost, so whether the license was cancelled is not known yet. It will not be sent again; check the license at Sectigo before trying again.";
    await db.$transaction((tx) => settleUnknown(tx, orderId, actor, message, { kind: result.error.kind, httpStatus: result.error.httpStatus ?? null }));
    return { ok: true, orderId, outcome: "UNKNOWN", message };
  } else {
    const error: SectigoError = result.error;
    if (preview.call === "autoRefund") {
      // Not Sectigo's parameter wording ("orderNumber does not apply…; remove it"): the person
      // cannot remove anything. Say that nothing happened and that the plain cancellation is open.
      const message = refundRefusedMessage(error);
      await db.$transaction((tx) => settleFailed(tx, orderId, actor, { ...error, userMessage: message, parameters: undefined }, `Sectigo refused the refund: ${error.meaning || error.userMessage}`));
      return { ok: false, code: "FAILED", message, orderId, cancelWithoutRefund: true };
    }
    await db.$transaction((tx) => settleFailed(tx, orderId, actor, error, `Sectigo refused the cancellation: ${error.userMessage}`));
    return { ok: false, code: "FAILED", message: error.userMessage, orderId };
  }
  return alreadySubmitted(deps, await db.order.findUniqueOrThrow({ where: { id: orderId }, select: SEEN }), input.licenseId, actor);
}

/** The order's PLACED event, after a read-back: what Sectigo's report showed. */
function readBackNote(readBack: ReadBack | undefined): string {
  if (readBack === undefined) return "";
  if (readBack === "REFUNDED") return " Its report then showed the license refunded: it still counted it inside its refund period.";
  if (readBack === "CANCELLED") return " Its report then showed the license cancelled, not refunded.";
  return " Its report could not be read: Sectigo refunds it only if it still counted the license inside its refund period.";
}

function createdEvent(actor: Actor, foreignOrderNumber: string, preview: CancellationPreview) {
  const what = preview.kind === "REFUND" ? "refund (AutoRefund)" : "cancellation (CANCELLICENCE)";
  const { orderId: _orderId, ...event } = eventData("", actor, { kind: "CREATED", to: "SUBMITTING", message: `Order ${foreignOrderNumber} created; sending the ${what} to Sectigo.` });
  return event;
}

/**
 * The same submission again. It answers only for this license's own cancellation, and with what is
 * known of it: a refusal stays a refusal (never "already sent" as if it had worked), so nobody lets
 * the refund window run out believing the license was refunded.
 */
async function alreadySubmitted(
  deps: OrderDeps,
  seen: { id: string; status: string; errorMessage: string | null; kind: string; targetLicenseId: string | null },
  licenseId: string,
  actor: Actor,
): Promise<CancelLicenseResult> {
  if (seen.targetLicenseId !== licenseId || (seen.kind !== "REFUND" && seen.kind !== "CANCELLATION")) {
    throw new AppError("CONFLICT", "This form was already used for another order. Reload the page and try again.");
  }
  if (seen.status === "FAILED") {
    return { ok: false, code: "FAILED", message: `${seen.errorMessage ?? "Sectigo refused it."} Nothing was cancelled; reload the page to try again.`, orderId: seen.id, cancelWithoutRefund: seen.kind === "REFUND" };
  }
  await deps.db.orderEvent.create({ data: eventData(seen.id, actor, { kind: "DUPLICATE_SUBMISSION", message: "The same submission arrived again; nothing was sent to Sectigo." }) });
  return { ok: true, orderId: seen.id, outcome: "ALREADY_SUBMITTED" };
}

export async function cancelLicense(actor: Actor | null, raw: CancelLicenseInput, deps: OrderDeps): Promise<CancelLicenseResult> {
  const licenseId = (raw as { licenseId?: unknown } | null)?.licenseId;
  // The person's audit entry: the license before and after, and the cancellation order this request made.
  const result = typeof licenseId === "string" ? await withLicenseStateRecorded(deps.db, licenseId, () => answeredByTwin(deps.db, raw.submissionKey, () => cancelLicenseOnce(actor, raw, deps), refusedWithoutOrder), (r) => r.ok && r.outcome !== "ALREADY_SUBMITTED") : await cancelLicenseOnce(actor, raw, deps);
  if (result.ok && result.outcome !== "ALREADY_SUBMITTED") {
    recordChange({ target: `Order:${result.orderId}`, before: null, after: { kind: "cancellation", outcome: result.outcome, license: raw.licenseId } });
  } else if (!result.ok && result.orderId) {
    recordChange({ target: `Order:${result.orderId}`, before: null, after: { kind: "cancellation", outcome: "FAILED", license: raw.licenseId } });
  }
  return result;
}
