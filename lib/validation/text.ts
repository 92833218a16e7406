import { z } from "zod";

/** C0/C1 control characters (null byte included) and the Unicode line/paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_ALL = new RegExp(CONTROL.source, "g");

/**
 * A single-line text field people type: trimmed, bounded, and refused (as a field error, not
 * an INTERNAL error from PostgreSQL, which rejects a null byte) when it holds control characters.
 */
export function plainText(opts: { label: string; max: number; min?: number }) {
  const min = opts.min ?? 1;
  return z
    .string()
    .trim()
    .min(min, min === 1 ? `Enter ${opts.label}.` : `Use at least ${min} characters for ${opts.label}.`)
    .max(opts.max, `Keep ${opts.label} under ${opts.max + 1} characters.`)
    .refine((v) => !CONTROL.test(v), `Remove the invisible control characters from ${opts.label}.`);
}

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/** The same characters, each replaced by a space (for text that is searched, not stored). */
export function controlCharactersToSpaces(value: string): string {
  return value.replace(CONTROL_ALL, " ");
}
