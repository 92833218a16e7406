/** Secrets never leave the client: not in recorded calls, errors, logs or JSON. */

export const REDACTED = "[REDACTED]";

const SECRET_KEY = /password/i;

/** Form body as a plain object with every `*password*` value (any case) redacted. */
export function redactParams(entries: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of entries) out[key] = SECRET_KEY.test(key) ? REDACTED : value;
  return out;
}

/** The values that must not appear anywhere we hand out (response echoes, messages). */
export function secretValues(entries: ReadonlyArray<readonly [string, string]>): string[] {
  return entries.filter(([key, value]) => SECRET_KEY.test(key) && value.length > 0).map(([, value]) => value);
}

/** Replaces every occurrence of each secret (raw or form-encoded) in a text. */
export function scrub(text: string, secrets: ReadonlyArray<string>): string {
  let out = text;
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)])) {
      if (form) out = out.split(form).join(REDACTED);
    }
  }
  return out;
}
