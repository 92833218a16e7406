import type { MatchedOn } from "@/lib/lookup/find-types";
import { labelPieceOf } from "@/lib/search/domain-search";

/**
 * What a pasted text could be (pure, no database): support pastes whatever the customer said, so
 * one text is tried as every kind it can be, each through its own index (lib/lookup/find.ts).
 */
export interface FindPlan {
  /** Sectigo's order number: digits. */
  orderNumber?: string;
  /** Our reference (OD-yymmdd-XXXXXXXX), upper-cased as we write it. */
  foreignOrderNumber?: string;
  /** A whole e-mail address, lower-cased as stored. */
  email?: string;
  /** The start of an e-mail address (a word without spaces, or an address being typed). */
  emailStart?: string;
  /** A domain, whole or a part of one, lower-cased as stored. */
  domain?: string;
  /** Parent domains of `domain` ("blog.acme.com" -> "acme.com"), never a bare top-level label. */
  parents?: string[];
  /** A customer or company name, or a part of one. */
  name?: string;
}

const ORDER_NUMBER = /^\d{3,20}$/;
const FOREIGN_ORDER_NUMBER = /^OD-[0-9A-Z-]{1,40}$/i;
const WHOLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function planFind(q: string): FindPlan {
  const plan: FindPlan = {};
  const lower = q.toLowerCase();
  if (ORDER_NUMBER.test(q)) plan.orderNumber = q;
  if (FOREIGN_ORDER_NUMBER.test(q)) plan.foreignOrderNumber = q.toUpperCase();
  const spaced = /\s/.test(q);
  if (!spaced && WHOLE_EMAIL.test(lower)) plan.email = lower;
  if (!spaced && q.length >= 2 && !plan.orderNumber) plan.emailStart = lower;
  if (!q.includes("@") && !plan.orderNumber && !plan.foreignOrderNumber && labelPieceOf(lower)) {
    plan.domain = lower.replace(/^\.+|\.+$/g, "") || undefined;
    if (plan.domain) {
      const labels = plan.domain.split(".");
      plan.parents = labels.slice(1, -1).map((_, k) => labels.slice(k + 1).join("."));
    }
  }
  if (!q.includes("@") && !plan.orderNumber && !plan.foreignOrderNumber && q.length >= 2) plan.name = q;
  return plan;
}

export interface Candidate {
  id: string;
  rank: number;
  matchedOn: MatchedOn;
}

/**
 * Best first: a lower rank wins; one record appears once, with its best match; within a rank the
 * database's order is kept.
 */
export function rankCandidates(candidates: Candidate[]): Candidate[] {
  const best = new Map<string, Candidate & { seen: number }>();
  candidates.forEach((c, seen) => {
    const known = best.get(c.id);
    if (!known || c.rank < known.rank) best.set(c.id, { ...c, seen });
  });
  return [...best.values()].sort((a, b) => a.rank - b.rank || a.seen - b.seen).map(({ id, rank, matchedOn }) => ({ id, rank, matchedOn }));
}
