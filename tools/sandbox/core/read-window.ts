import fs from "node:fs";

/**
 * Sequential reads of a file through ONE reused buffer (the sandbox's journal at start, issue 19
 * item 5): `bytes(offset, length)` hands out a view of those bytes, valid until the next call.
 * Offsets only move forward. The buffer grows only for a range longer than it. A whole-file read
 * held the journal at once, and a journal is folded into the snapshot only once it outgrows it
 * (1.3 GB at 1,000,000 licences).
 */
export class ReadWindow {
  private buf: Buffer;
  /** File offset of buf[0], and how many bytes from there the buffer holds. */
  private start = 0;
  private held = 0;

  constructor(
    private readonly fd: number,
    readonly size: number,
    chunk: number,
  ) {
    this.buf = Buffer.allocUnsafe(chunk);
  }

  /** The file's bytes [offset, offset + length); throws when they are not all in the file. */
  bytes(offset: number, length: number): Buffer {
    if (offset < this.start || offset + length > this.size) throw new RangeError(`ReadWindow: bytes ${offset}+${length} outside ${this.start}..${this.size}`);
    if (offset + length > this.start + this.held) {
      const keep = Math.max(0, this.start + this.held - offset);
      if (length > this.buf.length) {
        const bigger = Buffer.allocUnsafe(Math.max(length, 2 * this.buf.length));
        this.buf.copy(bigger, 0, this.held - keep, this.held);
        this.buf = bigger;
      } else {
        this.buf.copy(this.buf, 0, this.held - keep, this.held);
      }
      this.start = offset;
      this.held = keep;
      while (this.held < length) {
        const read = fs.readSync(this.fd, this.buf, this.held, this.buf.length - this.held, this.start + this.held);
        if (read === 0) throw new Error(`ReadWindow: the file ended at ${this.start + this.held}, before ${offset + length}`);
        this.held += read;
      }
    }
    return this.buf.subarray(offset - this.start, offset - this.start + length);
  }
}
