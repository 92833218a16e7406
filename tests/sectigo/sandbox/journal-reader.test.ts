/**
 * A start replays the journal frame by frame through ONE reused read buffer (core/persistence.ts
 * readJournal, core/read-window.ts; issue 19 item 5). A journal is folded into the snapshot only once
 * it outgrows it (1.3 GB at 1,000,000 licences), and the old reader read the whole file into memory
 * and decoded every entry into an array before applying the first. Here: entries come back in order
 * and whole (across read boundaries, one frame longer than a read), a torn tail after many reads is
 * still found and kept, and every frame is decoded from a buffer of one read chunk (the old reader
 * decoded them from the whole 30 MB file read at once, and failed that).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { encodeEntry, journalTail, READ_CHUNK, readJournal, type JournalEntry } from "@/tools/sandbox/core/persistence";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
afterEach(() => vi.restoreAllMocks());

/** A journal of entries 1..n, entry i carrying `payload(i)` (random text: deflate cannot shrink it much). */
function journalOf(n: number, payload: (seq: number) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-journal-reader-"));
  dirs.push(dir);
  const file = path.join(dir, "journal.bin");
  const fd = fs.openSync(file, "w");
  for (let seq = 1; seq <= n; seq++) {
    fs.writeSync(fd, encodeEntry({ seq, changes: [{ t: "accounts", k: "a", set: { note: payload(seq) } }] }));
  }
  fs.closeSync(fd);
  return file;
}

const noteOf = (entry: JournalEntry) => (entry.changes[0] as unknown as { set: { note: string } }).set.note;

describe("replaying the journal", () => {
  it("decodes each frame from one read chunk, not from the whole journal held at once", () => {
    const file = journalOf(3_000, () => crypto.randomBytes(10_000).toString("base64"));
    expect(fs.statSync(file).size).toBeGreaterThan(3 * READ_CHUNK);
    // What a frame is decoded from: the memory its bytes are a view into (deterministic, unlike a
    // sample of the process's Buffers, which counts the decoder's own garbage too).
    let largest = 0;
    const inflate = zlib.inflateRawSync;
    vi.spyOn(zlib, "inflateRawSync").mockImplementation((buffer, options) => {
      largest = Math.max(largest, (buffer as Buffer).buffer.byteLength);
      return inflate(buffer, options);
    });
    const seqs: number[] = [];
    readJournal(file, 0, (entry) => void seqs.push(entry.seq));
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThanOrEqual(READ_CHUNK);
    expect(seqs).toEqual(Array.from({ length: 3_000 }, (_, i) => i + 1));
  });

  it("hands out every entry whole and in order, one longer than a read too, and finds a torn tail after many reads", () => {
    const big = crypto.randomBytes(READ_CHUNK).toString("base64"); // deflated still over a read chunk
    const file = journalOf(1_500, (seq) => (seq === 1_000 ? big : `note ${seq} ${crypto.randomBytes(4_000).toString("hex")}`));
    const whole = fs.statSync(file).size;
    const torn = encodeEntry({ seq: 1_501, changes: [] }).subarray(0, 6); // a write cut off by a crash
    fs.appendFileSync(file, torn);

    const notes = new Map<number, string>();
    const read = readJournal(file, 500, (entry) => void notes.set(entry.seq, noteOf(entry)));
    expect([...notes.keys()]).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 501)); // 1-500 are in the snapshot
    expect(notes.get(1_000)).toBe(big);
    expect(notes.get(1_500)).toMatch(/^note 1500 [0-9a-f]{8000}$/);
    expect(read).toEqual({ entries: 1_000, goodBytes: whole, tornBytes: torn.length });
    expect(journalTail(file, read.goodBytes).equals(torn)).toBe(true);
  });
});
