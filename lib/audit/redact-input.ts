import { toStorableText } from "@/lib/validation/text";

/**
 * An action's input as the audit log keeps it: secrets removed by key name (passwords, secrets,
 * tokens, credentials), long strings shortened, depth and size bounded, so an audit row can never
 * carry a password or grow without limit. Text PostgreSQL cannot store (an unpaired surrogate, a
 * null byte: `jsonb` refuses both) is replaced by U+FFFD, so an entry can always be written: the
 * schemas refuse such text, but the audit log must not depend on every schema remembering it.
 */
const SECRET_KEY = /pass(word)?|secret|token|credential|apikey/i;
const MAX_STRING = 2_000;
const MAX_KEYS = 200;
const MAX_DEPTH = 6;
export function redactInput(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return toStorableText(value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length} characters)` : value);
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (depth >= MAX_DEPTH) return "…";
  if (Array.isArray(value)) return value.slice(0, MAX_KEYS).map((v) => redactInput(v, depth + 1));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>).slice(0, MAX_KEYS)) {
      // A before/after may say that a secret "changed" (never its value).
      out[toStorableText(k)] = SECRET_KEY.test(k) ? (v === "changed" || v === "unchanged" ? v : "[redacted]") : redactInput(v, depth + 1);
    }
    return out;
  }
  return String(value);
}
