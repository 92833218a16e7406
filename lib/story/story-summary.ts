import type { StoryEntry } from "./types";

/** What a ticket needs about the subject, as the page already shows it. */
export interface SummarySubject {
  /** "Order 1234567", "License example.com", "Customer Acme Ltd". */
  title: string;
  /** "Status: Placed", "Customer: Acme Ltd <ops@acme.test>", ... in the order given. */
  facts: string[];
}

const MAX_LINES = 40;

const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * The plain-text summary a support person pastes into a ticket: the subject's facts (who, current
 * status, amounts, order numbers), the order numbers the story mentions, then the story oldest
 * first, one line each (when, who, what, amount). Built from titles and details only: the
 * recorded Sectigo requests/responses and audit inputs are never part of it, and any
 * `password=…` that slipped into a line is masked anyway.
 */
export function buildStorySummary(subject: SummarySubject, entries: StoryEntry[], options: { truncated?: boolean; now?: Date } = {}): string {
  const chronological = [...entries].sort((a, b) => a.at.getTime() - b.at.getTime()).filter((e) => e.kind !== "api");
  const orderNumbers = [...new Set(entries.flatMap((e) => (e.order ? [e.order.label] : [])))];
  const calls = entries.filter((e) => e.kind === "api");
  const failedCalls = calls.filter((e) => e.tone === "bad").length;
  const lines = [
    subject.title,
    ...subject.facts,
    ...(orderNumbers.length ? [`Orders: ${orderNumbers.join(", ")}`] : []),
    ...(calls.length ? [`Calls to Sectigo: ${calls.length}${failedCalls ? ` (${failedCalls} failed)` : ""}`] : []),
    "",
    "Timeline (oldest first):",
  ];
  const shown = chronological.slice(-MAX_LINES);
  if (shown.length < chronological.length || options.truncated) lines.push(`(earlier entries left out)`);
  for (const e of shown) {
    const parts = [stamp(e.at), e.who, e.title];
    if (e.detail) parts.push(e.detail);
    if (e.amount) parts.push(e.amount);
    lines.push(`- ${parts.join(" · ")}`);
  }
  if (options.now) lines.push("", `Summary taken ${stamp(options.now)}`);
  return maskSecrets(lines.join("\n"));
}

function maskSecrets(text: string): string {
  return text.replace(/(password[^=:\s]*\s*[=:]\s*)[^\s&;,)"']+/gi, "$1[REDACTED]");
}
