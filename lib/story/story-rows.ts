/**
 * Database rows → story entries. Pure: the loaders pass rows in, nothing here queries. Secrets
 * cannot pass: a Sectigo call's bodies are redacted again (the client redacted them when it
 * recorded them), and audit rows carry only what lib/audit/redact-input kept.
 */
import { redactText } from "@/lib/orders/redact";
import type { StoryEntry } from "./types";

const KIND_TITLE: Record<string, string> = {
  NEW: "New order",
  RENEWAL: "Renewal",
  ADD_ON: "Add-on order",
  UPGRADE: "Upgrade",
  DOWNGRADE: "Downgrade",
  CANCELLATION: "Cancellation",
  REFUND: "Refund",
};

const STATUS_WORD: Record<string, string> = {
  SUBMITTING: "submitting",
  UNKNOWN: "outcome unknown",
  AWAITING_AUTHORIZATION: "awaiting authorization",
  PLACED: "placed",
  REJECTED: "rejected",
  FAILED: "failed",
  CANCELLED: "cancelled",
  REFUNDED: "refunded",
};

export const statusWord = (s: string | null | undefined) => (s ? (STATUS_WORD[s] ?? s.toLowerCase()) : "");

export function orderLabel(o: { orderNumber: string | null; foreignOrderNumber: string }): string {
  return o.orderNumber ? `#${o.orderNumber}` : o.foreignOrderNumber;
}

function money(amount: { toString(): string } | null | undefined, currency: string | null | undefined): string | undefined {
  if (amount === null || amount === undefined) return undefined;
  return `${currency ?? "USD"} ${Number(amount.toString()).toFixed(2)}`;
}

export interface OrderRow {
  id: string;
  kind: string;
  status: string;
  orderNumber: string | null;
  foreignOrderNumber: string;
  createdAt: Date;
  currency: string | null;
  sellTotal: { toString(): string } | null;
  totalCost: { toString(): string } | null;
  errorMessage: string | null;
  placedBy: { name: string } | null;
  targetLicense?: { id: string; domainName: string } | null;
  items?: Array<{ productName: string; domainName: string | null }>;
}

export function orderEntry(o: OrderRow): StoryEntry {
  const what = o.items?.length ? o.items.map((i) => `${i.productName}${i.domainName ? ` for ${i.domainName}` : ""}`).join(", ") : undefined;
  const target = o.targetLicense ? ` of the license for ${o.targetLicense.domainName}` : "";
  const sell = money(o.sellTotal, o.currency);
  const cost = money(o.totalCost, o.currency);
  return {
    key: `order:${o.id}`,
    kind: "order",
    at: o.createdAt,
    who: o.placedBy?.name ?? "Order Desk",
    title: `${KIND_TITLE[o.kind] ?? o.kind} ${orderLabel(o)} created${target}${what ? `: ${what}` : ""}`,
    detail: `now ${statusWord(o.status)}${o.errorMessage ? ` (${o.errorMessage})` : ""}${cost && cost !== sell ? ` · debited by Sectigo ${cost}` : ""}`,
    order: { id: o.id, label: orderLabel(o) },
    license: o.targetLicense ? { id: o.targetLicense.id, label: o.targetLicense.domainName } : undefined,
    amount: sell,
    tone: o.status === "FAILED" || o.status === "UNKNOWN" ? "bad" : undefined,
  };
}

export interface EventRow {
  id: string;
  orderId: string;
  createdAt: Date;
  actorLabel: string;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  message: string;
}

export function eventEntry(e: EventRow, order?: { id: string; label: string }): StoryEntry {
  const change = e.toStatus && e.fromStatus !== e.toStatus ? `${e.fromStatus ? `${statusWord(e.fromStatus)} → ` : ""}${statusWord(e.toStatus)}` : undefined;
  return {
    key: `event:${e.id}`,
    kind: "event",
    at: e.createdAt,
    who: e.actorLabel,
    title: e.message,
    detail: change,
    order,
    tone: e.toStatus === "FAILED" || e.toStatus === "UNKNOWN" || e.kind === "AUTO_RENEW_FAILED" ? "bad" : undefined,
  };
}

export interface ApiCallRow {
  id: string;
  orderId: string | null;
  actorId: string | null;
  endpoint: string;
  method: string;
  request: string;
  httpStatus: number | null;
  response: string | null;
  durationMs: number;
  outcome: string;
  errorCode: number | null;
  createdAt: Date;
}

export function apiCallEntry(c: ApiCallRow, who: string, order?: { id: string; label: string }): StoryEntry {
  const outcome = c.outcome.toLowerCase().replace(/_/g, " ");
  return {
    key: `api:${c.id}`,
    kind: "api",
    at: c.createdAt,
    who,
    title: `Call to Sectigo ${c.endpoint}: ${outcome}${c.errorCode !== null ? ` (error ${c.errorCode})` : ""}`,
    detail: `${c.httpStatus ? `HTTP ${c.httpStatus} · ` : ""}${c.durationMs} ms`,
    order,
    call: {
      endpoint: c.endpoint,
      outcome,
      httpStatus: c.httpStatus,
      durationMs: c.durationMs,
      request: redactText(c.request),
      response: c.response === null ? null : redactText(c.response),
    },
    tone: c.outcome === "SUCCESS" ? undefined : "bad",
  };
}

export interface LicenseRow {
  id: string;
  domainName: string;
  productName: string;
  startsAt: Date;
  expiresAt: Date | null;
  createdAt: Date;
  orderId: string;
}

export function licenseEntry(l: LicenseRow, order?: { id: string; label: string }): StoryEntry {
  return {
    key: `license:${l.id}`,
    kind: "license",
    at: l.startsAt,
    who: "Sectigo",
    title: `License ${l.productName} for ${l.domainName} started`,
    detail: l.expiresAt ? `expires ${l.expiresAt.toISOString().slice(0, 10)}` : undefined,
    order,
    license: { id: l.id, label: l.domainName },
  };
}

export interface AddOnRow {
  id: string;
  licenseId: string;
  orderId: string | null;
  productName: string;
  status: string;
  startsAt: Date;
  expiresAt: Date | null;
}

export function addOnEntry(a: AddOnRow, license: { id: string; label: string }, order?: { id: string; label: string }): StoryEntry {
  return {
    key: `addon:${a.id}`,
    kind: "addon",
    at: a.startsAt,
    who: "Sectigo",
    title: `Add-on ${a.productName} started on ${license.label}`,
    detail: `${a.status.toLowerCase()}${a.expiresAt ? ` · expires ${a.expiresAt.toISOString().slice(0, 10)}` : ""}`,
    order,
    license,
  };
}

export interface AuditRow {
  id: bigint;
  createdAt: Date;
  actorLabel: string;
  action: string;
  outcome: string;
  input: unknown;
  changes: unknown;
}

export function auditEntry(a: AuditRow): StoryEntry {
  return {
    key: `audit:${a.id}`,
    kind: "audit",
    at: a.createdAt,
    who: a.actorLabel,
    title: `${a.action}${a.outcome === "OK" ? "" : ` refused: ${a.outcome}`}`,
    detail: describeChanges(a.changes),
    audit: { action: a.action, outcome: a.outcome, input: a.input, changes: a.changes },
    tone: a.outcome === "OK" ? undefined : "warn",
  };
}

function describeChanges(changes: unknown): string | undefined {
  if (!Array.isArray(changes) || changes.length === 0) return undefined;
  const targets = changes.map((c) => (c && typeof c === "object" && "target" in c ? String((c as { target: unknown }).target) : "")).filter(Boolean);
  return targets.length ? `changed ${targets.join(", ")}` : undefined;
}
