/**
 * Sectigo's two legacy response encodings, auto-detected (the AutoAuthorize, AutoRefund and AutoReject references word them differently):
 * - newline-delimited (responseFormat=0): line 1 = status code, then positional values;
 *   on error line 2 is the message.
 * - URL-encoded (responseFormat=1): `errorCode=..&errorMessage=..&key=value`.
 *   Keys are matched case-insensitively (PlaceOrder documents them as case-insensitive).
 * A body that is neither is "malformed".
 */

export type ParsedBody =
  | { format: "lines"; status: number; lines: string[] }
  | { format: "urlencoded"; status: number; fields: FieldMap };

/** Case-insensitive view on URL-encoded key/value pairs, keeping original order and keys. */
export class FieldMap {
  private readonly byLower = new Map<string, string>();
  constructor(readonly entries: ReadonlyArray<readonly [string, string]>) {
    for (const [key, value] of entries) if (!this.byLower.has(key.toLowerCase())) this.byLower.set(key.toLowerCase(), value);
  }
  /** First value under any of the given spellings. */
  get(...names: string[]): string | undefined {
    for (const name of names) {
      const value = this.byLower.get(name.toLowerCase());
      if (value !== undefined) return value;
    }
    return undefined;
  }
}

const INTEGER = /^[+-]?\d+$/;

export function parseBody(raw: string): ParsedBody | undefined {
  const text = raw.replace(/^\uFEFF/, "").trim();
  if (!text) return undefined;
  const firstLine = text.split(/\r?\n/, 1)[0]!.trim();

  if (INTEGER.test(firstLine)) {
    const lines = text.split(/\r?\n/).map((line) => line.replace(/\r$/, ""));
    return { format: "lines", status: Number(firstLine), lines };
  }
  if (!firstLine.includes("=")) return undefined;

  // Some "line-delimited" endpoints may answer `key=value` per line: treat newlines like `&`.
  const params = new URLSearchParams(text.replace(/\r?\n/g, "&"));
  const entries = [...params.entries()].map(([k, v]) => [k.trim(), v] as const).filter(([k]) => k.length > 0);
  const fields = new FieldMap(entries);
  const code = fields.get("errorCode");
  if (code === undefined) {
    // PlaceOrder's documented success sample is just `orderNumber=9551164` (no errorCode).
    return fields.get("orderNumber") !== undefined ? { format: "urlencoded", status: 0, fields } : undefined;
  }
  if (!INTEGER.test(code.trim())) return undefined;
  return { format: "urlencoded", status: Number(code.trim()), fields };
}

export interface ApiErrorParts {
  code: number;
  message?: string;
  /** The parameter name Sectigo blamed (PlaceOrder `errorItem`), if it looks like one. */
  item?: string;
}

/** Extracts code/message/errorItem from an error body in either format. */
export function errorParts(body: ParsedBody): ApiErrorParts {
  if (body.format === "lines") {
    const message = body.lines.slice(1).join("\n").trim();
    return message ? { code: body.status, message } : { code: body.status };
  }
  const message = body.fields.get("errorMessage")?.trim();
  const rawItem = body.fields.get("errorItem")?.trim();
  // Seed 002's error sample puts the sentence into errorItem: treat a sentence as the message.
  const itemIsSentence = rawItem !== undefined && /\s/.test(rawItem);
  const parts: ApiErrorParts = { code: body.status };
  const text = message || (itemIsSentence ? rawItem : undefined);
  if (text) parts.message = text;
  if (rawItem && !itemIsSentence) parts.item = rawItem;
  return parts;
}

/** Parses a Sectigo money string ("210.00"); undefined when absent or not a number. */
export function parseMoney(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/** UNIX seconds, UNIX milliseconds, ISO-8601 or YYYY-MM-DD → Date. */
export function parseDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  if (/^\d+$/.test(trimmed)) {
    const n = Number(trimmed);
    return new Date(trimmed.length > 11 ? n : n * 1000);
  }
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
