/**
 * A start reads the snapshot line by line through ONE reused read buffer (core/persistence.ts,
 * readSnapshotRows; issue 19 item 5: a restart at 1,000,000 licences under 1 GB of RSS). It used to
 * allocate a fresh 8 MiB chunk and a concatenated copy per read; each copy outlived the records
 * parsed from it, was promoted, and was freed only by a full collection: at 100,000 licences 40 MB
 * of dead Buffers were still held when the load ended. Here: every record comes back whole (across
 * read boundaries, and one longer than a read), and the Buffers alive while it reads stay near one
 * read chunk however long the snapshot (measured from the process: what the old reader failed).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { READ_CHUNK, readSnapshotRows, SNAPSHOT_FILE, writeSnapshot, type Row, type TableName } from "@/tools/sandbox/core/persistence";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A snapshot of `count` license-like records of about `bytes` each, plus the extra ones given. */
function snapshotOf(count: number, bytes: number, extra: Array<Row["licenses"]> = []): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-snapshot-reader-"));
  dirs.push(dataDir);
  const pad = "x".repeat(bytes);
  writeSnapshot(dataDir, {
    seq: 7,
    counters: { nextOrderNumber: 9_200_001, nextId: 1, nextAccountId: 500_001 },
    clock: { frozenAt: null, offsetMs: 0 },
    *rows<T extends TableName>(table: T): Iterable<Row[T]> {
      if (table !== "licenses") return;
      for (let i = 0; i < count; i++) yield { id: `lic-${i}`, domainName: `d${i}.example`, pad } as unknown as Row[T];
      for (const row of extra) yield row as Row[T];
    },
  });
  return path.join(dataDir, SNAPSHOT_FILE);
}

describe("reading a snapshot", () => {
  it("hands out every record whole: across read boundaries, and one longer than a read", () => {
    const long = { id: "lic-long", pad: "é".repeat(READ_CHUNK) } as unknown as Row["licenses"]; // 16 MiB of UTF-8: twice a read
    const file = snapshotOf(30_000, 700, [long]);
    expect(fs.statSync(file).size).toBeGreaterThan(3 * READ_CHUNK);
    const ids: string[] = [];
    let longPad = "";
    const header = readSnapshotRows(file, (table, row) => {
      expect(table).toBe("licenses");
      const r = row as unknown as { id: string; domainName?: string; pad: string };
      ids.push(r.id);
      if (r.id === "lic-long") longPad = r.pad;
      else expect(r.domainName).toBe(`d${ids.length - 1}.example`);
    });
    expect(header.seq).toBe(7);
    expect(ids).toHaveLength(30_001);
    expect(ids.at(-1)).toBe("lic-long");
    expect(longPad).toBe("é".repeat(READ_CHUNK));
  });

  it("holds about one read chunk of Buffers while it reads a snapshot eight chunks long", () => {
    const file = snapshotOf(90_000, 700, []);
    expect(fs.statSync(file).size).toBeGreaterThan(7 * READ_CHUNK);
    const before = process.memoryUsage().arrayBuffers;
    let peak = before;
    let n = 0;
    readSnapshotRows(file, () => {
      if (++n % 500 === 0) peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    });
    expect(n).toBe(90_000);

    expect(peak - before).toBeLessThan(1.5 * READ_CHUNK);
  });
});
