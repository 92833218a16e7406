/**
 * The facts at the top of a ticket summary, per subject, from what its page already loaded.
 * Pure; no secrets are among the inputs (no reseller login, no request bodies).
 */
import type { SummarySubject } from "./story-summary";
import { orderLabel, statusWord } from "./story-rows";
import { NOTHING_CHARGED, orderMoney, WE_PAY_NOTE } from "@/lib/orders/order-money";

type Money = { toString(): string } | null;
const money = (v: Money, currency: string | null) => (v === null ? "—" : `${currency ?? "USD"} ${Number(v.toString()).toFixed(2)}`);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

export function orderSubject(o: {
  kind: string;
  status: string;
  orderNumber: string | null;
  foreignOrderNumber: string;
  createdAt: Date;
  currency: string | null;
  sellTotal: Money;
  totalCost: Money;
  buyTotal?: Money;
  placedAt?: Date | null;
  customer: { name: string; email: string };
  placedBy: { name: string } | null;
  items: Array<{ productName: string; domainName: string | null }>;
}): SummarySubject {
  return {
    title: `Order ${orderLabel(o)} (${o.kind.toLowerCase().replace("_", "-")})`,
    facts: [
      `Status: ${statusWord(o.status)}`,
      `Customer: ${o.customer.name} <${o.customer.email}>`,
      `Placed by: ${o.placedBy?.name ?? "Order Desk"} on ${day(o.createdAt)}`,
      `Our reference: ${o.foreignOrderNumber}${o.orderNumber ? ` · Sectigo order number: ${o.orderNumber}` : ""}`,
      `Items: ${o.items.map((i) => `${i.productName}${i.domainName ? ` (${i.domainName})` : ""}`).join(", ") || "—"}`,
      moneyFact(o),
    ],
  };
}

/** The order page's two money columns, in words (lib/orders/order-money.ts). */
function moneyFact(o: { status: string; currency: string | null; sellTotal: Money; totalCost: Money; buyTotal?: Money; placedAt?: Date | null }): string {
  const m = orderMoney({ ...o, buyTotal: o.buyTotal ?? null });
  if (m.nothingCharged) return `Customer pays: ${NOTHING_CHARGED} · we pay: ${NOTHING_CHARGED}`;
  const note = m.wePay ? WE_PAY_NOTE[m.wePay.basis] : null;
  return `Customer pays: ${money(m.customerPays, o.currency)} · we pay: ${money(m.wePay?.amount ?? null, o.currency)}${note ? ` (${note})` : ""}`;
}

export function licenseSubject(l: {
  domainName: string;
  productName: string;
  status: string;
  startsAt: Date;
  expiresAt: Date | null;
  autoRenew: boolean;
  currentOrderNumber: string | null;
  customer: { name: string; email: string };
  addOns: Array<{ productName: string; status: string }>;
}): SummarySubject {
  const live = l.addOns.filter((a) => a.status === "ACTIVE").map((a) => a.productName);
  return {
    title: `License ${l.productName} for ${l.domainName}`,
    facts: [
      `Status: ${l.status.toLowerCase().replace("_", " ")}`,
      `Customer: ${l.customer.name} <${l.customer.email}>`,
      `Started: ${day(l.startsAt)} · expires: ${day(l.expiresAt)} · auto-renew: ${l.autoRenew ? "on" : "off"}`,
      `Current Sectigo order number: ${l.currentOrderNumber ?? "—"}`,
      `Add-ons: ${live.join(", ") || "none"}`,
    ],
  };
}

export function customerSubject(c: { name: string; email: string; country: string | null; telephone: string | null; licenseCount: string; orderCount: string }): SummarySubject {
  return {
    title: `Customer ${c.name}`,
    facts: [`Email: ${c.email}`, ...(c.telephone ? [`Telephone: ${c.telephone}`] : []), `Country: ${c.country ?? "—"}`, `Licenses: ${c.licenseCount} · orders: ${c.orderCount}`],
  };
}
