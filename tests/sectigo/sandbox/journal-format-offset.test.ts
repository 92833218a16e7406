import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodeEntry, readJournal } from "@/tools/sandbox/core/persistence";

describe("a journal frame in a newer format", () => {
  it("names its real byte offset in the error", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "journal-format-"));
    const file = path.join(dir, "journal.bin");
    const first = encodeEntry({ seq: 1, changes: [] });
    const payload = Buffer.from("{}");
    const frame = Buffer.alloc(9 + payload.length);
    frame.writeUInt32LE(payload.length, 0);
    frame.writeUInt8(2, 8);
    payload.copy(frame, 9);
    frame.writeUInt32LE(zlib.crc32(frame.subarray(8)), 4);
    fs.writeFileSync(file, Buffer.concat([first, frame]));
    try {
      expect(() => readJournal(file, 0, () => {})).toThrow(new RegExp(`at byte ${first.length} is in format 2`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
