/**
 * Packed records (core/record-codec.ts) kept in large Buffers instead of as JavaScript strings
 * (issue 19 item 5). A string costs its header and alignment on the heap, and a million of them
 * made between the seeding's short-lived objects leave the old generation a third empty
 * (fragmented pages the process keeps); here a record costs its UTF-8 bytes plus a 4-byte length,
 * and the table holds a small-integer handle. A changed record is written anew; the old bytes are
 * dead until `World.compact` copies the live records into a fresh arena (`reclaimable`).
 */
const CHUNK = 1 << 22; // 4 MiB: handles stay small integers up to 2 GiB

export class RecordArena {
  private chunks: Buffer[] = [];
  /** Next free byte of the last chunk (CHUNK = full: the next put starts a chunk). */
  private offset = CHUNK;
  private allocated = 0;

  /** Bytes taken, dead or alive. */
  get bytes(): number {
    return this.allocated;
  }

  put(text: string): number {
    // At most 3 UTF-8 bytes per UTF-16 unit: room is checked for the worst case, the header is the real length.
    const room = 4 + 3 * text.length;
    if (room > CHUNK) {
      const own = Buffer.allocUnsafe(room);
      const length = own.write(text, 4, "utf8");
      own.writeUInt32LE(length, 0);
      this.chunks.push(own);
      this.offset = CHUNK;
      this.allocated += 4 + length;
      return (this.chunks.length - 1) * CHUNK;
    }
    if (this.offset + room > CHUNK) {
      this.chunks.push(Buffer.allocUnsafe(CHUNK));
      this.offset = 0;
    }
    const chunk = this.chunks[this.chunks.length - 1]!;
    const at = this.offset;
    const length = chunk.write(text, at + 4, "utf8");
    chunk.writeUInt32LE(length, at);
    this.offset = at + 4 + length;
    this.allocated += 4 + length;
    return (this.chunks.length - 1) * CHUNK + at;
  }

  get(handle: number): string {
    const chunk = this.chunks[Math.floor(handle / CHUNK)]!;
    const at = handle % CHUNK;
    return chunk.toString("utf8", at + 4, at + 4 + chunk.readUInt32LE(at));
  }

  /** Bytes a record takes (for the live total). */
  size(handle: number): number {
    return 4 + this.chunks[Math.floor(handle / CHUNK)]!.readUInt32LE(handle % CHUNK);
  }
}
