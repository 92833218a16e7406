import type { AuditChange } from "@/lib/audit/audit-scope";

/**
 * The before/after of an edit, keeping only the fields whose value changed (an edit form sends
 * every field; the entry should say what moved). `secrets` are stated as "changed"/"unchanged",
 * never valued. Values compare as JSON (dates, decimals and nulls included).
 */
export function changedFields(
  target: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  secrets: Record<string, "changed" | "unchanged"> = {},
): AuditChange {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(before[key] ?? null) === JSON.stringify(value ?? null)) continue;
    b[key] = before[key] ?? null;
    a[key] = value ?? null;
  }
  for (const [key, state] of Object.entries(secrets)) {
    if (state === "changed") {
      b[key] = "unchanged";
      a[key] = "changed";
    }
  }
  return { target, before: b, after: a };
}
