/**
 * The add-on form's submission key after an answer (issue 9 review #2). The key makes a double
 * click or a retry one order, so it may only change when the next click is surely a new order:
 * - PLACED / AWAITING_AUTHORIZATION: that add-on is bought; the next one is another order.
 * - FAILED (Sectigo refused, nothing bought): the next click is a new attempt.
 * - UNKNOWN / SUBMITTING (the answer was lost, or it is still being sent): KEEP the key, so a second
 *   click is answered with the same order and never sent again (the reconciliation pass finds out).
 * - a refusal before any order (validation, another order pending): nothing was claimed; keep it.
 */
export type AddOnAnswer = { ok: true; status: string } | { ok: false; code?: string };

export function addOnKeyAfter(answer: AddOnAnswer, current: string, fresh: () => string): string {
  if (answer.ok) return answer.status === "PLACED" || answer.status === "AWAITING_AUTHORIZATION" ? fresh() : current;
  return answer.code === "FAILED" ? fresh() : current;
}
