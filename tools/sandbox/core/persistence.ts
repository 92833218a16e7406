/**
 * The sandbox's files: a snapshot plus an append-only journal, so a call writes only what it changed.
 *
 *   <dataDir>/snapshot.jsonl   the whole world at journal sequence `seq`, one JSON value per line
 *                              (a header, then one record per line, then an end line with the count),
 *                              written to a temp file and renamed into place; never appended to.
 *   <dataDir>/journal.bin      one frame per committed call, in order:
 *                              [u32 payload length][u32 CRC-32 of format+payload][u8 format][payload]
 *                              format 1 = JSON deflated with the preset dictionary below.
 *
 * A call is answered only after its frame is written, so a process killed at any point (kill -9)
 * restarts with every answered call. A frame cut short or failing its CRC at the very end of the
 * journal is what a crash in the middle of a write leaves: that call was never answered, so the
 * frame is refused (moved to `journal.torn-<time>`, with a message saying so) and the rest loads.
 * A damaged frame with good frames after it, a sequence gap, or a damaged snapshot is corruption:
 * the sandbox refuses to start and says which file and offset, never loading half a world.
 *
 * Why hand-written rather than an embedded database: node:sqlite needs Node 22.5 (we support 20),
 * better-sqlite3 and LMDB bindings compile C++ at install time or fetch prebuilt binaries from
 * GitHub, which this project's machines cannot reach; the sandbox's world lives in memory anyway
 * (core/world.ts), so only durability is needed, and a checksummed log plus snapshot is that.
 * `fsync` is not called per call: the journal survives a killed process (the data is in the OS
 * page cache), not a power cut; this is a test double, and a per-call fsync would cost milliseconds.
 */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import zlib from "node:zlib";
import type { ClockState } from "./clock";
import { ReadWindow } from "./read-window";
import type { Account, Customer, License, Order } from "./types";

export const SNAPSHOT_FILE = "snapshot.jsonl";
export const JOURNAL_FILE = "journal.bin";
/** Version 1 wrote the whole world as one JSON file after every call; it is read once and replaced. */
export const LEGACY_STATE_FILE = "state.json";
/** How much of the snapshot a start reads at a time (exported for the test of the reader's memory). */
export const READ_CHUNK = 8 << 20;

export type TableName = "accounts" | "customers" | "licenses" | "orders";
export const TABLES: readonly TableName[] = ["accounts", "customers", "licenses", "orders"];

export interface Counters {
  nextOrderNumber: number;
  nextId: number;
  nextAccountId: number;
}

export interface Row {
  accounts: Account;
  customers: Customer;
  licenses: License;
  orders: Order;
}

/** One change of one record: a whole new record, changed/removed fields, or a deletion. */
export type Change =
  | { t: TableName; k: string; new: object }
  | { t: TableName; k: string; set?: Record<string, unknown>; unset?: string[] }
  | { t: TableName; k: string; del: true };

export interface JournalEntry {
  seq: number;
  changes: Change[];
  counters?: Counters;
  clock?: ClockState;
}

export interface Image {
  seq: number;
  counters: Counters;
  clock: ClockState;
  tables: { [T in TableName]: Map<string, Row[T]> };
}

/** What a snapshot is written from: the header and each table's records, read one at a time. */
export interface SnapshotSource {
  seq: number;
  counters: Counters;
  clock: ClockState;
  rows<T extends TableName>(table: T): Iterable<Row[T]>;
}

const HEADER = 9;
const FORMAT_DEFLATE_V1 = 1;
/**
 * Preset dictionary for format 1: the keys and common values of journal entries, so a small entry
 * compresses as if it were part of a larger one. Never edit it: add a new format instead.
 */
const DICTIONARY_V1 = Buffer.from(
  JSON.stringify({
    seq: 1,
    changes: [
      { t: "accounts", k: "orderdesk-demo", set: { funds: 4900.01 } },
      { t: "customers", k: "cust-1", new: { id: "cust-1", loginName: "orderdesk-demo", email: "owner@example.com", name: "", foreName: "", surName: "", telephone: "", organizationName: "", countryName: "", address: { streetAddress1: "", localityName: "", stateOrProvinceName: "", postalCode: "" }, siteLockLogin: "owner@example.com", slUserId: "700000101", createdAt: "2026-01-01T00:00:00.000Z" } },
      { t: "licenses", k: "lic-1", new: { id: "lic-1", loginName: "orderdesk-demo", customerId: "cust-1", productCode: 1060, domainName: "example.com", termDays: 365, startsAt: "2026-01-01T00:00:00.000Z", expiresAt: "2027-01-01T00:00:00.000Z", refundWindowStart: "2026-01-01T00:00:00.000Z", periodCharge: 99.99, autoRenew: false, status: "active", parentId: null, slSiteId: "site-", orderNumbers: ["9200001"], visibility: -1 } },
      { t: "orders", k: "9200001", new: { orderNumber: "9200001", loginName: "orderdesk-demo", customerId: "cust-1", foreignOrderNumber: "OD-", createdAt: "2026-01-01T00:00:00.000Z", source: "AutoApplyOrder", kind: "new", status: "active", totalCost: 99.99, licenseIds: ["lic-1"], products: [1060], domainName: "example.com", reseller: null, previousOrderNumber: null, uniqueValue: "" } },
      { t: "licenses", k: "lic-1", set: { expiresAt: "", refundWindowStart: "", periodCharge: 0, termDays: 365, orderNumbers: [], status: "cancelled", autoRenewFailedAt: "" }, unset: ["pendingRenewals"] },
    ],
    counters: { nextOrderNumber: 9200002, nextId: 2, nextAccountId: 500001 },
    clock: { frozenAt: null, offsetMs: 0 },
  }),
);

export class CorruptStateError extends Error {
  constructor(message: string) {
    super(`${message}\nThe sandbox does not start on a damaged world. Move the data directory away (or delete it) to start with a fresh sandbox state.`);
    this.name = "CorruptStateError";
  }
}

export function encodeEntry(entry: JournalEntry): Buffer {
  const payload = zlib.deflateRawSync(Buffer.from(JSON.stringify(entry)), { dictionary: DICTIONARY_V1, level: 6 });
  const frame = Buffer.allocUnsafe(HEADER + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt8(FORMAT_DEFLATE_V1, 8);
  payload.copy(frame, HEADER);
  frame.writeUInt32LE(zlib.crc32(frame.subarray(8)), 4);
  return frame;
}

function decodePayload(format: number, payload: Buffer): JournalEntry {
  if (format !== FORMAT_DEFLATE_V1) throw new Error(`unknown frame format ${format}`);
  return JSON.parse(zlib.inflateRawSync(payload, { dictionary: DICTIONARY_V1 }).toString("utf8")) as JournalEntry;
}

export interface ReadJournal {
  /** Entries handed to `onEntry` (those after the snapshot's sequence). */
  entries: number;
  /** Bytes of good frames; anything after is a torn tail. */
  goodBytes: number;
  tornBytes: number;
}

/**
 * Reads the frames in order, handing each entry after `afterSeq` to `onEntry` as it is read (through
 * one reused buffer: a journal may grow to the snapshot's size, 1.3 GB at 1,000,000 licences, before
 * it is folded in; neither it nor its entries are held at once). A bad frame followed by good ones,
 * or a sequence gap, is corruption: throws, after handing out the entries before it (the caller
 * discards them, as for the snapshot).
 */
export function readJournal(file: string, afterSeq: number, onEntry: (entry: JournalEntry) => void): ReadJournal {
  if (!fs.existsSync(file)) return { entries: 0, goodBytes: 0, tornBytes: 0 };
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const window = new ReadWindow(fd, size, Math.max(HEADER, Math.min(READ_CHUNK, size)));
    let entries = 0;
    let offset = 0;
    let expected = afterSeq + 1;
    while (offset < size) {
      const frame = frameFrom(window, offset);
      if (!frame) {
        // Only here is the rest read at once: a torn tail is a few bytes, and damage in the middle stops the start.
        const rest = Buffer.from(window.bytes(offset, size - offset));
        if (nextGoodFrame(rest, 1, offset)) {
          throw new CorruptStateError(`Sandbox journal ${file} is damaged at byte ${offset} of ${size}, and intact records follow it.`);
        }
        return { entries, goodBytes: offset, tornBytes: size - offset };
      }
      // Frames already folded into the snapshot (a crash between the snapshot's rename and the
      // journal's truncation) are skipped; after them the sequence must be unbroken.
      if (frame.entry.seq > afterSeq) {
        if (frame.entry.seq < expected) {
          throw new CorruptStateError(`Sandbox journal ${file} has record ${frame.entry.seq} twice (at byte ${offset}): two sandboxes wrote to the same data dir.`);
        }
        if (frame.entry.seq !== expected) {
          throw new CorruptStateError(`Sandbox journal ${file} skips from record ${expected - 1} to ${frame.entry.seq} at byte ${offset}.`);
        }
        onEntry(frame.entry);
        entries++;
        expected++;
      }
      offset = frame.end;
    }
    return { entries, goodBytes: offset, tornBytes: 0 };
  } finally {
    fs.closeSync(fd);
  }
}

/** The journal's bytes from `from` to its end (a torn tail, kept aside at start). */
export function journalTail(file: string, from: number): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    return Buffer.from(new ReadWindow(fd, size, Math.max(1, size - from)).bytes(from, size - from));
  } finally {
    fs.closeSync(fd);
  }
}

/** The frame at file offset `offset`, or undefined when it is cut short or damaged. */
function frameFrom(window: ReadWindow, offset: number): { entry: JournalEntry; end: number } | undefined {
  if (window.size - offset < HEADER) return undefined;
  const length = window.bytes(offset, HEADER).readUInt32LE(0);
  // A length past the end of the file: a torn frame, or a damaged length (never read: it may say 4 GB).
  if (offset + HEADER + length > window.size) return undefined;
  const frame = frameAt(window.bytes(offset, HEADER + length), 0, offset);
  return frame && { entry: frame.entry, end: offset + frame.end };
}

/** The frame at `offset` of `buf`; `fileOffset`: where `buf` starts in the file, for the error's message. */
function frameAt(buf: Buffer, offset: number, fileOffset = 0): { entry: JournalEntry; end: number } | undefined {
  if (buf.length - offset < HEADER) return undefined;
  const length = buf.readUInt32LE(offset);
  const end = offset + HEADER + length;
  if (end > buf.length) return undefined;
  if (zlib.crc32(buf.subarray(offset + 8, end)) !== buf.readUInt32LE(offset + 4)) return undefined;
  const format = buf.readUInt8(offset + 8);
  // A whole frame with a good checksum in a format this sandbox does not know: written by a newer
  // sandbox, not torn by a crash. Cutting it off would lose acknowledged calls.
  if (format !== FORMAT_DEFLATE_V1) throw new CorruptStateError(`Sandbox journal record at byte ${fileOffset + offset} is in format ${format}, written by a newer sandbox than this one.`);
  try {
    return { entry: decodePayload(format, buf.subarray(offset + HEADER, end)), end };
  } catch {
    return undefined;
  }
}

/** Whether a valid frame starts anywhere after `from` (a damaged frame in the middle, not a torn tail). */
function nextGoodFrame(buf: Buffer, from: number, fileOffset: number): boolean {
  for (let i = from; i + HEADER <= buf.length; i++) {
    const length = buf.readUInt32LE(i);
    if (i + HEADER + length > buf.length || buf.readUInt8(i + 8) !== FORMAT_DEFLATE_V1) continue;
    try {
      if (frameAt(buf, i, fileOffset)) return true;
    } catch {
      return true; // a whole frame of another format: certainly not a torn tail
    }
  }
  return false;
}

export function emptyImage(counters: Counters): Image {
  return {
    seq: 0,
    counters,
    clock: { frozenAt: null, offsetMs: 0 },
    tables: { accounts: new Map(), customers: new Map(), licenses: new Map(), orders: new Map() },
  };
}

/**
 * Writes the snapshot line by line (a world of a million licenses is more than one JavaScript
 * string can hold), to a 0600 temp file renamed into place.
 */
export function writeSnapshot(dataDir: string, image: SnapshotSource): number {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, SNAPSHOT_FILE);
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  const fd = fs.openSync(tmp, "wx", 0o600);
  try {
    // One 4 MiB buffer, filled line by line and reused: no joined 4 MB strings nor a fresh
    // buffer per flush (at 1,000,000 licences that is 330 of each, and the freed ones stay in the
    // process as malloc's, raising the RSS for good).
    const buf = Buffer.allocUnsafe(4 << 20);
    let used = 0;
    let bytes = 0;
    const flush = () => {
      for (let done = 0; done < used; ) done += fs.writeSync(fd, buf, done, used - done);
      bytes += used;
      used = 0;
    };
    const line = (value: unknown) => {
      const text = `${JSON.stringify(value)}\n`;
      if (used + 3 * text.length > buf.length) flush();
      if (3 * text.length > buf.length) {
        const big = Buffer.from(text);
        for (let done = 0; done < big.length; ) done += fs.writeSync(fd, big, done, big.length - done);
        bytes += big.length;
        return;
      }
      used += buf.write(text, used, "utf8");
    };
    let count = 0;
    line({ sandboxSnapshot: 2, seq: image.seq, counters: image.counters, clock: image.clock });
    for (const table of TABLES) {
      for (const row of image.rows(table)) {
        line([table, row]);
        count++;
      }
    }
    line({ end: true, records: count });
    flush();
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, file);
    return bytes;
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

export interface SnapshotHeader {
  seq: number;
  counters: Counters;
  clock: ClockState;
}

/**
 * Reads a snapshot line by line, handing each record to `onRow` as it is read: a snapshot of a
 * million licences is over a gigabyte, and neither it nor its records as objects are held at once
 * (issue 19 item 5). Throws CorruptStateError on a damaged or short snapshot, after handing out the
 * records before the damage (the caller discards them).
 */
export function readSnapshotRows(file: string, onRow: <T extends TableName>(table: T, row: Row[T]) => void): SnapshotHeader {
  const fd = fs.openSync(file, "r");
  try {
    const lines = lineReader(fd);
    let lineNo = 0;
    const next = (): unknown => {
      const text = lines();
      if (text === undefined) throw new CorruptStateError(`Sandbox snapshot ${file} is cut short after line ${lineNo}.`);
      lineNo++;
      try {
        return JSON.parse(text);
      } catch {
        throw new CorruptStateError(`Sandbox snapshot ${file} has a damaged line ${lineNo}.`);
      }
    };
    const header = next() as { sandboxSnapshot?: number; seq: number; counters: Counters; clock: ClockState };
    if (header?.sandboxSnapshot !== 2) throw new CorruptStateError(`Sandbox snapshot ${file} is not a version 2 snapshot.`);
    let count = 0;
    for (;;) {
      const value = next();
      if (!Array.isArray(value)) {
        const end = value as { end?: boolean; records?: number };
        if (end?.end !== true || end.records !== count) throw new CorruptStateError(`Sandbox snapshot ${file} ends at line ${lineNo} without its full record count.`);
        return { seq: header.seq, counters: header.counters, clock: header.clock };
      }
      const [table, row] = value as [TableName, Row[TableName]];
      if (!TABLES.includes(table)) throw new CorruptStateError(`Sandbox snapshot ${file} line ${lineNo} names no table.`);
      onRow(table, row);
      count++;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Complete lines (without the newline) of a file read 8 MiB at a time into ONE buffer, reused: the
 * unread tail is moved to its front before the next read (the buffer doubles only for a line longer
 * than it). A fresh 8 MiB chunk plus a concatenated copy per read (as before) outlived the records
 * parsed from it, so each copy was promoted and freed only by a full collection: at 100,000 licences
 * 40 MB of dead Buffers were still held when the load ended, and a start's peak RSS carried them.
 * Undefined at the end (a last line without newline is not complete).
 */
function lineReader(fd: number): () => string | undefined {
  let buf = Buffer.allocUnsafe(READ_CHUNK);
  let start = 0; // unread bytes: buf[start, end)
  let end = 0;
  let eof = false;
  return () => {
    for (;;) {
      // indexOf cannot stop at `end`: a newline found past it is a stale byte, so none is in range.
      const newline = buf.indexOf(10, start);
      if (newline >= 0 && newline < end) {
        const text = buf.toString("utf8", start, newline);
        start = newline + 1;
        return text;
      }
      if (eof) return undefined;
      if (start > 0) {
        buf.copy(buf, 0, start, end);
        end -= start;
        start = 0;
      }
      if (end === buf.length) {
        const bigger = Buffer.allocUnsafe(2 * buf.length);
        buf.copy(bigger, 0, 0, end);
        buf = bigger;
      }
      const read = fs.readSync(fd, buf, end, buf.length - end, null);
      if (read === 0) eof = true;
      end += read;
    }
  };
}

/** The whole snapshot as an image (small worlds and tests; the sandbox streams it: readSnapshotRows). */
export function readSnapshot(file: string): Image {
  const rows: Array<[TableName, Row[TableName]]> = [];
  const header = readSnapshotRows(file, (table, row) => void rows.push([table, row]));
  const image = emptyImage(header.counters);
  image.seq = header.seq;
  image.clock = header.clock;
  for (const [table, row] of rows) (image.tables[table] as Map<string, unknown>).set(keyOf(table, row), row);
  return image;
}

export function keyOf(table: TableName, row: Row[TableName]): string {
  switch (table) {
    case "accounts":
      return (row as Account).loginName;
    case "orders":
      return (row as Order).orderNumber;
    default:
      return (row as Customer | License).id;
  }
}
