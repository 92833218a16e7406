import { z } from "zod";

/**
 * Text people type is checked for three kinds of characters before anything stores it:
 *
 * 1. Control characters (C0/C1, the null byte, the Unicode line/paragraph separators):
 *    PostgreSQL refuses a null byte, and the others break lines in logs and CSV files.
 * 2. Unpaired UTF-16 surrogates (`\ud800` alone): not text at all. They cannot be encoded as
 *    UTF-8, so PostgreSQL refuses them in `jsonb` (22P05, which once let an action escape the
 *    audit log) and `fetch` silently turns them into U+FFFD (a password would change on the way).
 * 3. Invisible and reordering characters: Unicode "format" characters (category Cf: U+202E
 *    right-to-left override, U+200B zero-width space, U+2066-2069 isolates, U+FEFF, the tag
 *    characters...), every Default_Ignorable_Code_Point (U+034F, variation selectors, Hangul
 *    fillers...) and the braille blank. A name holding
 *    U+202E shows `gnp.exe` for `exe.png`; one holding U+200B looks like another name and is not
 *    found by it. The joiners U+200C/U+200D are letters' business in Persian, Indic scripts and
 *    emoji sequences, so they are allowed between two visible characters, and refused elsewhere.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** The same without tab, line feed and carriage return: for text areas (a CSR, a note). */
// eslint-disable-next-line no-control-regex
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_ALL = new RegExp(CONTROL.source, "g");
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * What renders as nothing: Unicode's Default_Ignorable_Code_Point (the combining grapheme joiner,
 * variation selectors, Hangul fillers, Khmer and Mongolian invisibles, tags...) and the format
 * characters (Cf: bidi controls), plus the braille blank. The joiners and the emoji variation
 * selectors are judged by their neighbours below.
 */
// eslint-disable-next-line no-misleading-character-class -- each joiner and selector is listed on its own, on purpose
const INVISIBLE = /(?![\u200C\u200D\uFE0E\uFE0F])[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u;
/** A joiner is fine only with a visible character (letter, mark, number, emoji part) on each side. */
const LONE_JOINER = /(?<![\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])[\u200C\u200D]|[\u200C\u200D](?![\p{L}\p{M}\p{N}\p{Extended_Pictographic}])/u;
/** Text/emoji presentation selectors belong after an emoji (❤️, 1️⃣), nowhere else. */
const LONE_PRESENTATION = /(?<![\p{Extended_Pictographic}\p{Emoji_Component}])[\uFE0E\uFE0F]/u;

/** The name people know a character by, for the message that asks them to remove it. */
const NAMES: Record<number, string> = {
  0x200b: "zero-width space",
  0x200c: "zero-width non-joiner",
  0x200d: "zero-width joiner",
  0x200e: "left-to-right mark",
  0x200f: "right-to-left mark",
  0x202a: "left-to-right embedding",
  0x202b: "right-to-left embedding",
  0x202c: "pop directional formatting",
  0x202d: "left-to-right override",
  0x202e: "right-to-left override",
  0x2060: "word joiner",
  0x2066: "left-to-right isolate",
  0x2067: "right-to-left isolate",
  0x2068: "first strong isolate",
  0x2069: "pop directional isolate",
  0xfeff: "zero-width no-break space",
  0x00ad: "soft hyphen",
};

function codePointLabel(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  return NAMES[cp] ? `${hex}, ${NAMES[cp]}` : hex;
}

/**
 * Why this text cannot be stored as someone's name or free text, or undefined when it can.
 * `label` reads like "the customer name"; the message names the first character found.
 */
export function unsafeTextProblem(value: string, label: string, options: { multiline?: boolean } = {}): string | undefined {
  if (LONE_SURROGATE.test(value)) return `${capitalize(label)} holds a broken character (half of an emoji or symbol): type or paste it again.`;
  if ((options.multiline ? CONTROL_MULTILINE : CONTROL).test(value)) return `Remove the invisible control characters from ${label}.`;
  const invisible = INVISIBLE.exec(value) ?? LONE_JOINER.exec(value) ?? LONE_PRESENTATION.exec(value);
  if (invisible) {
    const cp = invisible[0].codePointAt(0)!;
    return `Remove the invisible or direction-changing character (${codePointLabel(cp)}) from ${label}: it makes text show differently from what it is.`;
  }
  return undefined;
}

/** For secrets (passwords): anything typeable is allowed, but not what cannot be sent or stored. */
export function unsafeSecretProblem(value: string): string | undefined {
  if (LONE_SURROGATE.test(value)) return "The password holds a broken character (half of an emoji or symbol): type it again.";
  if (CONTROL.test(value)) return "Passwords cannot contain control characters.";
  return undefined;
}

/** Text PostgreSQL and UTF-8 cannot carry at all: an unpaired surrogate or a null byte. */
export function hasUnencodableText(value: string): boolean {
  return LONE_SURROGATE.test(value) || value.includes("\u0000");
}

/** The same text with each unpaired surrogate and null byte replaced by U+FFFD (what can always be stored). */
export function toStorableText(value: string): string {
  return value.replace(new RegExp(LONE_SURROGATE.source, "g"), "\uFFFD").replaceAll("\u0000", "\uFFFD");
}

/**
 * A single-line text field people type: trimmed, bounded, and refused (as a field error, not
 * an INTERNAL error from PostgreSQL) when it holds any of the characters above.
 */
export function plainText(opts: { label: string; max: number; min?: number }) {
  const min = opts.min ?? 1;
  return z
    .string()
    .trim()
    .min(min, min === 1 ? `Enter ${opts.label}.` : `Use at least ${min} characters for ${opts.label}.`)
    .max(opts.max, `Keep ${opts.label} under ${opts.max + 1} characters.`)
    .superRefine((v, ctx) => {
      const problem = unsafeTextProblem(v, opts.label);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/**
 * Search text without what cannot be meant: invisible and reordering characters, lone joiners
 * and broken surrogates are dropped (a pasted "acme\u200B-hosting" finds acme-hosting; nothing
 * stored holds them, since the forms refuse them).
 */
export function withoutInvisibleCharacters(value: string): string {
  return value
    .replace(new RegExp(LONE_SURROGATE.source, "g"), "")
    // eslint-disable-next-line no-misleading-character-class -- the same class as INVISIBLE
    .replace(new RegExp(INVISIBLE.source, "gu"), "")
    .replace(new RegExp(LONE_JOINER.source, "gu"), "")
    .replace(new RegExp(LONE_PRESENTATION.source, "gu"), "");
}

/** The same characters, each replaced by a space (for text that is searched, not stored). */
export function controlCharactersToSpaces(value: string): string {
  return value.replace(CONTROL_ALL, " ");
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
