// STUB by i10-ui (reverted when i10-search's contract is merged): the contract's types.
export type FindKind = "order" | "licence" | "customer";
export type MatchedOn = "orderNumber" | "foreignOrderNumber" | "domain" | "domainPart" | "subdomain" | "email" | "emailPart" | "name";
export interface FindHit { kind: FindKind; id: string; href: string; title: string; subtitle: string; matchedOn: MatchedOn; }
export interface FindResult {
  q: string;
  exact: FindHit | null;
  groups: { kind: FindKind; label: string; hits: FindHit[]; more: boolean }[];
}
