/**
 * One line of a story (an order's, a license's or a customer's): what happened, when, and who did
 * it. Every loader turns its rows into these; the pure merge orders them; the page and the ticket
 * summary read only this shape (never a raw row), so a field that is not here cannot leak.
 */
export type StoryKind =
  | "order" // an order was created (NEW, RENEWAL, ADD_ON, UPGRADE, DOWNGRADE, CANCELLATION, REFUND)
  | "event" // an OrderEvent: status change, authorization, reconciliation, auto-renew switch, note
  | "api" // a call to Sectigo (request and response, passwords redacted)
  | "license" // a license started
  | "addon" // an add-on started on a license
  | "audit"; // a person's action as the audit log recorded it

export interface StoryEntry {
  /** Unique across sources: "<kind>:<row id>". */
  key: string;
  kind: StoryKind;
  at: Date;
  /** The person, or "Order Desk" / "Sectigo" for the application's own steps. */
  who: string;
  /** One line a support person reads aloud. */
  title: string;
  /** A second line (status change, error, amounts). */
  detail?: string;
  /** The order concerned, for a link and the summary's order numbers. */
  order?: { id: string; label: string };
  /** The license concerned. */
  license?: { id: string; label: string };
  /** "USD 12.00" when money moved. */
  amount?: string;
  /** Only on "api" entries: the recorded bodies (redacted again when loaded). */
  call?: { endpoint: string; outcome: string; httpStatus: number | null; durationMs: number; request: string; response: string | null };
  /** Only on "audit" entries: the recorded input and before/after (secrets removed when written). */
  audit?: { action: string; outcome: string; input: unknown; changes: unknown };
  /** "failed", "warning" or undefined: a tone for the page. */
  tone?: "bad" | "warn";
}

export type StoryDirection = "newest" | "oldest";

export interface Story {
  entries: StoryEntry[];
  /** True when a source had more rows than the cap: the page offers "show more". */
  truncated: boolean;
  direction: StoryDirection;
  limit: number;
}
