/**
 * Whose money each figure of an order is (issue 17 item 9), named once for the orders list and the
 * order page: what the customer pays (the sell prices) and what we pay Sectigo. "We pay" is what
 * Sectigo says it debits (`totalCost`) once it said so; an order still awaiting authorization is
 * debited only when authorized; before Sectigo says anything, our configured buy price (`buyTotal`)
 * is what we expect to pay. An order that moved no money (Sectigo refused it, we declined it, or it was
 * cancelled before it was placed) charges nobody: both columns say so, whatever prices it recorded.
 * Pure, importable by server and client components.
 */
type Amount = { toString(): string } | null;

export const CUSTOMER_PAYS = "Customer pays";
export const WE_PAY = "We pay";
export const NOTHING_CHARGED = "nothing charged";

export type WePayBasis = "debited" | "onAuthorization" | "expected";

export const WE_PAY_NOTE: Record<WePayBasis, string | null> = {
  debited: null,
  onAuthorization: "debited when authorized",
  expected: "expected, from our buy price",
};

export interface OrderMoney {
  customerPays: Amount;
  wePay: { amount: Amount; basis: WePayBasis } | null;
  /** The order moved no money: show "nothing charged" in both columns. */
  nothingCharged: boolean;
}

/** Refused by Sectigo, declined by us, or cancelled before it was placed: nobody was charged. */
export function movedNoMoney(o: { status: string; placedAt?: Date | null }): boolean {
  return o.status === "FAILED" || o.status === "REJECTED" || (o.status === "CANCELLED" && o.placedAt === null);
}

export function orderMoney(o: { status: string; sellTotal: Amount; totalCost: Amount; buyTotal: Amount; placedAt?: Date | null }): OrderMoney {
  if (movedNoMoney(o)) return { customerPays: null, wePay: null, nothingCharged: true };
  const wePay =
    o.totalCost !== null
      ? { amount: o.totalCost, basis: o.status === "AWAITING_AUTHORIZATION" ? ("onAuthorization" as const) : ("debited" as const) }
      : o.buyTotal !== null
        ? { amount: o.buyTotal, basis: o.status === "AWAITING_AUTHORIZATION" ? ("onAuthorization" as const) : ("expected" as const) }
        : null;
  return { customerPays: o.sellTotal, wePay, nothingCharged: false };
}
