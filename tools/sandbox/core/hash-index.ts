/**
 * A lookup from a (login, value) pair to the keys of the records that have it, held by a 32-bit hash
 * of the pair instead of the pair itself (issue 19 item 5). With a million licences, a Map keyed by
 * `${login}\n${domain}` strings held ~230 bytes per licence (the key string, a one-element array);
 * keyed by a small integer with the record key itself as the value (an array only on a collision)
 * it holds the Map entry alone. Two pairs may share a hash, so a lookup answers *candidates*: the
 * caller keeps those whose record really has the pair (World does, on every lookup).
 */

/** A record's key in its table: a canonical integer (an order number) is held as a number. */
export type Key = string | number;

export type PairHash = (a: string, b: string) => number;

/** FNV-1a over `a`, a separator and `b` (UTF-16 code units), as a signed 32-bit integer (a small int in V8). */
export function fnv1a(a: string, b: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 10, 0x01000193);
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * Held in typed arrays rather than a Map of arrays: an open-addressing table of hashes (linear
 * probing), each slot the head and tail of a chain of entries, each entry a key and the index of
 * the next one. About 12 bytes per entry and 17 per distinct hash, where a Map took ~40 per hash
 * plus a ~70-byte array per hash shared by several records (a base licence and its add-ons).
 */
export class HashIndex {
  /** Slot state in `heads`: 0 = never used; -1 = used, chain emptied; n > 0 = first entry n - 1. */
  private hashes = new Int32Array(1024);
  private heads = new Int32Array(1024);
  private tails = new Int32Array(1024);
  private slotsUsed = 0;
  /** Entry e: its key, and (next entry + 1) or 0 at the end of its chain. */
  private keys: Array<Key | undefined> = [];
  private nexts = new Int32Array(1024);
  /** Freed entries, reused first (a rollback takes entries out). */
  private free: number[] = [];

  constructor(private readonly hash: PairHash = fnv1a) {}

  add(a: string, b: string, key: Key): void {
    const h = this.hash(a, b);
    const entry = this.newEntry(key);
    let slot = this.find(h);
    if (slot < 0) {
      if ((this.slotsUsed + 1) * 10 > this.heads.length * 7) this.grow();
      slot = this.emptySlot(h);
      this.hashes[slot] = h;
      this.slotsUsed++;
      this.heads[slot] = -1;
    }
    if (this.heads[slot]! <= 0) this.heads[slot] = entry + 1;
    else this.nexts[this.tails[slot]!] = entry + 1;
    this.tails[slot] = entry;
  }

  /** Takes out the last entry of `key` under the pair (entries are added oldest first). */
  remove(a: string, b: string, key: Key): void {
    const slot = this.find(this.hash(a, b));
    if (slot < 0) return;
    let found = -1;
    let foundPrev = -1;
    for (let e = this.heads[slot]! - 1, prev = -1; e >= 0; prev = e, e = this.nexts[e]! - 1) {
      if (this.keys[e] === key) {
        found = e;
        foundPrev = prev;
      }
    }
    if (found < 0) return;
    const after = this.nexts[found]!;
    if (foundPrev < 0) this.heads[slot] = after === 0 ? -1 : after;
    else this.nexts[foundPrev] = after;
    if (this.tails[slot] === found) this.tails[slot] = foundPrev;
    this.keys[found] = undefined;
    this.nexts[found] = 0;
    this.free.push(found);
  }

  /** Keys of the records that may have the pair, oldest first; the caller checks each record. */
  candidates(a: string, b: string): readonly Key[] {
    const slot = this.find(this.hash(a, b));
    const out: Key[] = [];
    if (slot < 0) return out;
    for (let e = this.heads[slot]! - 1; e >= 0; e = this.nexts[e]! - 1) out.push(this.keys[e]!);
    return out;
  }

  private newEntry(key: Key): number {
    const entry = this.free.pop() ?? this.keys.length;
    if (entry === this.keys.length) this.keys.push(key);
    else this.keys[entry] = key;
    if (entry >= this.nexts.length) {
      const nexts = new Int32Array(this.nexts.length * 2);
      nexts.set(this.nexts);
      this.nexts = nexts;
    }
    this.nexts[entry] = 0;
    return entry;
  }

  /** The slot holding hash h, or -1. */
  private find(h: number): number {
    const mask = this.heads.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      if (this.heads[slot] === 0) return -1;
      if (this.hashes[slot] === h) return slot;
    }
  }

  private emptySlot(h: number): number {
    const mask = this.heads.length - 1;
    let slot = h & mask;
    while (this.heads[slot] !== 0) slot = (slot + 1) & mask;
    return slot;
  }

  /** Twice the slots; slots whose chain was emptied are left behind. */
  private grow(): void {
    const { hashes, heads, tails } = this;
    this.hashes = new Int32Array(heads.length * 2);
    this.heads = new Int32Array(heads.length * 2);
    this.tails = new Int32Array(heads.length * 2);
    this.slotsUsed = 0;
    for (let old = 0; old < heads.length; old++) {
      if (heads[old]! <= 0) continue;
      const slot = this.emptySlot(hashes[old]!);
      this.hashes[slot] = hashes[old]!;
      this.heads[slot] = heads[old]!;
      this.tails[slot] = tails[old]!;
      this.slotsUsed++;
    }
  }
}
