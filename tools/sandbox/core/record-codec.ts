/**
 * One record (a plain JSON object) packed into one short string and back (issue 19 item 5: the
 * sandbox at 1,000,000 licences under 1 GB). As objects, a licence took ~480 bytes of heap (an
 * object of 17 slots, three ISO date strings of its own, its arrays); packed it is one string of
 * ~120 characters: the field names live once per *shape* (the record's field list and how each
 * value is written), its key field is left out (the table's key holds it), ISO instants become
 * numbers and a few low-cardinality fields (login name, status, kind, source) become small ints.
 *
 * The contract, checked by tests/sectigo/sandbox/record-codec.test.ts against JSON as the oracle:
 * `decode(key, encode(row))` deep-equals `JSON.parse(JSON.stringify(row))`, with the same field order
 * (the snapshot, the journal and the admin API write records with JSON.stringify, so nothing on
 * disk or on the wire changes); and `encode(a) === encode(b)` exactly when their JSON is equal, so
 * a transaction can tell a changed record by its packed string.
 *
 * Packed strings never leave the process (the snapshot holds whole records), so shapes and the
 * intern table are in memory only and may differ between runs.
 */

const JSON_VALUE = 0;
const INTERNED = 1;
const INSTANT_MS = 2;
const MIDNIGHT_DAY = 3;
const KEY = 4;
const TEMPLATE = 5;
type Tag = typeof JSON_VALUE | typeof INTERNED | typeof INSTANT_MS | typeof MIDNIGHT_DAY | typeof KEY | typeof TEMPLATE;

const DAY_MS = 86_400_000;
/** What Date#toISOString writes for years 0000-9999; the value must also read back to itself. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Interned values per codec: bounded so that a field fed unexpected values cannot grow without end. */
const MAX_INTERNED = 4096;
/** Templates per codec, bounded likewise (random tokens make one each until the bound). */
const MAX_TEMPLATES = 20_000;
/** A string is written as a template only when this much of it is not digits: the saving is the point. */
const MIN_TEMPLATE_TEXT = 6;
const DIGIT_RUN = /\d+/g;

interface Shape {
  fields: string[];
  tags: Tag[];
}

/**
 * A string with its digit runs taken out: `cust-s1-c0000003` is template `cust-s#-c#` (widths 0
 * and 7: a run written with leading zeros keeps its width) and numbers [1, 3]. The seeded world's
 * ids, domains, e-mails and foreign order numbers share a few templates.
 */
interface Template {
  parts: string[];
  /** 0 = the run had no leading zero (written as the number is); n = zero-padded to n digits. */
  widths: number[];
}

export class RecordCodec<T extends object> {
  private readonly shapes: Shape[] = [];
  private readonly shapeIds = new Map<string, number>();
  private readonly interned: string[] = [];
  private readonly internIds = new Map<string, number>();
  private readonly templates: Template[] = [];
  private readonly templateIds = new Map<string, number>();
  private last: number | undefined;

  /**
   * @param keyField the field the table is keyed by (left out of the packed string)
   * @param internFields fields with few distinct values (login names, statuses)
   */
  constructor(
    private readonly keyField: string,
    private readonly internFields: ReadonlySet<string>,
  ) {}

  encode(row: T): string {
    const fields: string[] = [];
    const tags: Tag[] = [];
    const values: unknown[] = [0];
    const record = row as Record<string, unknown>;
    let id: number | undefined;
    for (const field of Object.keys(record)) {
      const value = record[field];
      // JSON.stringify leaves out undefined (and functions, which records never hold).
      if (value === undefined || typeof value === "function") continue;
      fields.push(field);
      if (typeof value !== "string") {
        tags.push(JSON_VALUE);
        values.push(value);
      } else if (field === this.keyField) {
        tags.push(KEY);
      } else if (this.internFields.has(field) && (id = this.intern(value)) !== undefined) {
        tags.push(INTERNED);
        values.push(id);
      } else if (MIDNIGHT_DAYS.has(value)) {
        tags.push(MIDNIGHT_DAY);
        values.push(MIDNIGHT_DAYS.get(value));
      } else if (value.length === 24 && ISO_INSTANT.test(value) && new Date(Date.parse(value)).toISOString() === value) {
        const ms = Date.parse(value);
        if (ms % DAY_MS === 0) {
          midnight(ms / DAY_MS);
          tags.push(MIDNIGHT_DAY);
          values.push(ms / DAY_MS);
        } else {
          tags.push(INSTANT_MS);
          values.push(ms);
        }
      } else {
        const templated = this.template(value);
        tags.push(templated ? TEMPLATE : JSON_VALUE);
        values.push(templated ?? value);
      }
    }
    values[0] = this.shapeId(fields, tags);
    return JSON.stringify(values);
  }

  /** The record of `packed`; `key` is the table key (the key field's value). */
  decode(key: string, packed: string): T {
    const values = JSON.parse(packed) as unknown[];
    const shape = this.shapes[values[0] as number]!;
    const row: Record<string, unknown> = {};
    let at = 1;
    for (let i = 0; i < shape.fields.length; i++) {
      const field = shape.fields[i]!;
      switch (shape.tags[i]) {
        case KEY:
          row[field] = key;
          break;
        case INTERNED:
          row[field] = this.interned[values[at++] as number];
          break;
        case MIDNIGHT_DAY:
          row[field] = midnight(values[at++] as number);
          break;
        case INSTANT_MS:
          row[field] = new Date(values[at++] as number).toISOString();
          break;
        case TEMPLATE:
          row[field] = this.fill(values[at++] as number[]);
          break;
        default:
          row[field] = values[at++];
      }
    }
    return row as T;
  }

  private intern(value: string): number | undefined {
    let id = this.internIds.get(value);
    if (id === undefined && this.interned.length < MAX_INTERNED) {
      id = this.interned.push(value) - 1;
      this.internIds.set(value, id);
    }
    return id;
  }

  /**
   * [template id, ...numbers], or undefined to write the string as it is. Whether a string is a
   * template depends only on the string and on templates made before (never taken back), so a value
   * is written the same way every time it is packed: unchanged records pack to the same string.
   */
  private template(value: string): number[] | undefined {
    const parts: string[] = [];
    const widths: number[] = [];
    const numbers: number[] = [0];
    let from = 0;
    let digits = 0;
    DIGIT_RUN.lastIndex = 0;
    for (let m = DIGIT_RUN.exec(value); m; m = DIGIT_RUN.exec(value)) {
      const run = m[0];
      if (run.length > 15) continue; // beyond exact doubles: stays in the text
      parts.push(value.slice(from, m.index));
      widths.push(run.charCodeAt(0) === 48 ? run.length : 0);
      numbers.push(Number(run));
      digits += run.length;
      from = m.index + run.length;
    }
    if (numbers.length === 1 || value.length - digits < MIN_TEMPLATE_TEXT) return undefined;
    // The signature's separators must not occur in the text (else two templates could share one).
    if (value.includes("\u0000") || value.includes("\u0001")) return undefined;
    parts.push(value.slice(from));
    const signature = `${parts.join("\u0000")}\u0001${widths.join(",")}`;
    let id = this.templateIds.get(signature);
    if (id === undefined) {
      if (this.templates.length >= MAX_TEMPLATES) return undefined;
      id = this.templates.push({ parts, widths }) - 1;
      this.templateIds.set(signature, id);
    }
    numbers[0] = id;
    return numbers;
  }

  private fill(values: number[]): string {
    const { parts, widths } = this.templates[values[0]!]!;
    let out = parts[0]!;
    for (let i = 0; i < widths.length; i++) {
      const n = String(values[i + 1]);
      out += (widths[i]! > 0 ? n.padStart(widths[i]!, "0") : n) + parts[i + 1]!;
    }
    return out;
  }

  /** Shapes are few (records of one table share a handful): the last one is tried first. */
  private shapeId(fields: string[], tags: Tag[]): number {
    if (this.last !== undefined && sameShape(this.shapes[this.last]!, fields, tags)) return this.last;
    const signature = fields.map((f, i) => `${f}\u0000${tags[i]}`).join("\u0001");
    let id = this.shapeIds.get(signature);
    if (id === undefined) {
      id = this.shapes.push({ fields, tags }) - 1;
      this.shapeIds.set(signature, id);
    }
    this.last = id;
    return id;
  }
}

function sameShape(shape: Shape, fields: string[], tags: Tag[]): boolean {
  if (shape.fields.length !== fields.length) return false;
  for (let i = 0; i < fields.length; i++) if (shape.fields[i] !== fields[i] || shape.tags[i] !== tags[i]) return false;
  return true;
}


/**
 * ISO text of day n (days since 1970) and back: a world's dates fall on a few hundred days, each
 * checked and written once (parsing and printing a date per field was most of the packing's cost).
 */
const MIDNIGHTS = new Map<number, string>();
const MIDNIGHT_DAYS = new Map<string, number>();
function midnight(day: number): string {
  let iso = MIDNIGHTS.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString();
    if (MIDNIGHTS.size < 100_000) {
      MIDNIGHTS.set(day, iso);
      MIDNIGHT_DAYS.set(iso, day);
    }
  }
  return iso;
}
