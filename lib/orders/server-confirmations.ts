/**
 * Questions the server asks before an order goes to Sectigo: one mechanism for every "are you
 * sure?" the order needs (items without a sell price, a near-duplicate of a recent order).
 *
 * The use case works out which confirmations this order needs, each with a key that names exactly
 * what is being confirmed (the unpriced plans, the earlier order's id). The order goes ahead only
 * when the request acknowledges every one of them; otherwise the answer is data (never an
 * exception): the questions, for the form to show with one button that sends the same order again
 * with their keys. The keys come from the server's own reading of the order, so a stale tab cannot
 * skip a question: an acknowledgement of yesterday's question does not cover today's.
 */
import { z } from "zod";

/** "add-on": an add-on on a license, its price and term end (lib/licenses/actions/add-on-offer.ts). */
export type ConfirmationKind = "unpriced" | "near-duplicate" | "add-on";

export interface Confirmation {
  kind: ConfirmationKind;
  /** What is acknowledged, e.g. `unpriced:code-signing|1511` or `near-duplicate:<newest order id>:<count>`. */
  key: string;
  /** The question, as the person reads it. */
  message: string;
}

/** A key's longest: the unpriced key fits it (unpriced-question.ts). */
export const KEY_MAX = 300;

/** What the form sends back: the keys of the questions the person answered "yes" to. */
export const confirmedSchema = z.array(z.string().min(1).max(KEY_MAX)).max(60).default([]);

/**
 * Thrown by a check that runs inside the order row's transaction (submit-order.ts `guard`) when the
 * order, read again under the lock, needs questions answered: nothing was written or sent.
 */
export class NeedsConfirmation extends Error {
  readonly confirmations: Confirmation[];
  constructor(confirmations: Confirmation[]) {
    super("The order needs confirmations first.");
    this.confirmations = confirmations;
    this.name = "NeedsConfirmation";
  }
}

/** The questions `confirmed` does not answer yet. */
export function unconfirmed(required: readonly Confirmation[], confirmed: readonly string[]): Confirmation[] {
  const given = new Set(confirmed);
  return required.filter((c) => !given.has(c.key));
}

/** The form's one button for the questions shown: "Place another" answers a near-duplicate. */
export function confirmLabel(questions: readonly Confirmation[]): string {
  return questions.some((q) => q.kind === "near-duplicate") ? "Place another" : "Place the order anyway";
}
