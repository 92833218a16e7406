/**
 * The audit log page's filter, read from the URL: person, action, outcome, date range and the
 * keyset cursor. Pure (the CSV route and the page share it). A bad value never throws: it is
 * dropped from the filter and comes back as a message for its field, while the raw text is kept
 * so the form shows what was typed.
 */
import { ERROR_CODES } from "@/lib/errors";

/** The sign-in entries' own outcomes (lib/audit/auth-events.ts), beside the actions' error codes. */
export const SIGN_IN_OUTCOMES = ["WRONG_CREDENTIALS", "THROTTLED", "DISABLED"] as const;
/** What a use case answered as data when it did not do what was asked (authorized-action.ts outcomeOf). */
export const NOT_DONE_OUTCOMES = ["ORDER_PENDING", "CHANGED", "ALREADY_DECIDED", "ALREADY_SUBMITTED", "SETTLED_ALREADY", "REFUSED", "FAILED", "NOT_ACTIVE"] as const;
export const AUDIT_OUTCOMES = ["OK", ...ERROR_CODES, ...SIGN_IN_OUTCOMES, ...NOT_DONE_OUTCOMES] as const;

export interface AuditQuery {
  person?: string;
  action?: string;
  outcome?: string;
  /** Inclusive start of the first day (UTC). */
  from?: Date;
  /** Exclusive: the start of the day after the last day (UTC). */
  before?: Date;
  /** Keyset cursor: rows with a smaller id. */
  after?: bigint;
}

export type AuditFilterField = "person" | "action" | "outcome" | "from" | "to" | "after";

export interface ParsedAuditQuery {
  query: AuditQuery;
  /** What was typed, for the form. */
  raw: Record<AuditFilterField, string>;
  errors: Partial<Record<AuditFilterField, string>>;
}

const ID = /^[A-Za-z0-9_-]{1,80}$/;
const ACTION = /^[A-Za-z0-9._-]{1,100}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(text: string): Date | null {
  const m = DAY.exec(text);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text ? d : null;
}

export function parseAuditQuery(params: Record<string, string | undefined>): ParsedAuditQuery {
  const raw = {
    person: (params.person ?? "").trim().slice(0, 200),
    action: (params.action ?? "").trim().slice(0, 200),
    outcome: (params.outcome ?? "").trim().slice(0, 200),
    from: (params.from ?? "").trim().slice(0, 200),
    to: (params.to ?? "").trim().slice(0, 200),
    after: (params.after ?? "").trim().slice(0, 200),
  };
  const query: AuditQuery = {};
  const errors: ParsedAuditQuery["errors"] = {};
  if (raw.person) {
    if (ID.test(raw.person)) query.person = raw.person;
    else errors.person = "Pick a person from the list.";
  }
  if (raw.action) {
    if (ACTION.test(raw.action)) query.action = raw.action;
    else errors.action = "An action name has letters, digits, dots, dashes and underscores only (e.g. orders.decideAuthorization).";
  }
  if (raw.outcome) {
    // Any use case's refusal code may be an outcome; the list offers the common ones.
    if (/^[A-Z][A-Z_]{1,39}$/.test(raw.outcome)) query.outcome = raw.outcome;
    else errors.outcome = `An outcome is a code in capitals, such as ${AUDIT_OUTCOMES.slice(0, 4).join(", ")}.`;
  }
  if (raw.from) {
    const d = parseDay(raw.from);
    if (d) query.from = d;
    else errors.from = "Enter a date as YYYY-MM-DD.";
  }
  if (raw.to) {
    const d = parseDay(raw.to);
    if (d) query.before = new Date(d.getTime() + 86_400_000);
    else errors.to = "Enter a date as YYYY-MM-DD.";
  }
  if (query.from && query.before && query.from >= query.before) {
    errors.to = "The end date comes before the start date.";
    delete query.before;
  }
  if (raw.after) {
    // A cursor past PostgreSQL's bigint would make the query fail (a 500): it is refused here.
    if (/^[1-9]\d{0,18}$/.test(raw.after) && BigInt(raw.after) <= 9_223_372_036_854_775_807n) query.after = BigInt(raw.after);
    else errors.after = "That page link is not valid: showing the newest entries.";
  }
  return { query, raw, errors };
}

/** The URL of the same filter (without the cursor unless given), for links, paging and the CSV. */
export function auditQueryString(query: AuditQuery, after?: bigint | string): string {
  const p = new URLSearchParams();
  if (query.person) p.set("person", query.person);
  if (query.action) p.set("action", query.action);
  if (query.outcome) p.set("outcome", query.outcome);
  if (query.from) p.set("from", query.from.toISOString().slice(0, 10));
  if (query.before) p.set("to", new Date(query.before.getTime() - 86_400_000).toISOString().slice(0, 10));
  if (after !== undefined) p.set("after", String(after));
  const s = p.toString();
  return s ? `?${s}` : "";
}
