/** What support's search answers (lib/lookup/find.ts); plain types, importable by client components. */
export type FindKind = "order" | "license" | "customer";

/** What the query matched on, shown beside each hit. */
export type MatchedOn = "orderNumber" | "foreignOrderNumber" | "domain" | "domainPart" | "subdomain" | "email" | "emailPart" | "name";

export interface FindHit {
  kind: FindKind;
  id: string;
  href: string;
  title: string;
  subtitle: string;
  matchedOn: MatchedOn;
}

export interface FindResult {
  /** The cleaned query. */
  q: string;
  /** An exact order number or our reference: the UI goes straight to exact.href. */
  exact: FindHit | null;
  /** Ranked, best first; empty groups are left out. */
  groups: { kind: FindKind; label: string; hits: FindHit[]; more: boolean }[];
}
