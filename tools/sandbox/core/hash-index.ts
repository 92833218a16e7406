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

export class HashIndex {
  private readonly map = new Map<number, Key | Key[]>();

  constructor(private readonly hash: PairHash = fnv1a) {}

  add(a: string, b: string, key: Key): void {
    const h = this.hash(a, b);
    const held = this.map.get(h);
    if (held === undefined) this.map.set(h, key);
    else if (Array.isArray(held)) held.push(key);
    else this.map.set(h, [held, key]);
  }

  /** Takes out the last entry of `key` under the pair (entries are added oldest first). */
  remove(a: string, b: string, key: Key): void {
    const h = this.hash(a, b);
    const held = this.map.get(h);
    if (held === undefined) return;
    if (!Array.isArray(held)) {
      if (held === key) this.map.delete(h);
      return;
    }
    const at = held.lastIndexOf(key);
    if (at >= 0) held.splice(at, 1);
    if (held.length === 1) this.map.set(h, held[0]!);
    else if (held.length === 0) this.map.delete(h);
  }

  /** Keys of the records that may have the pair, oldest first; the caller checks each record. */
  candidates(a: string, b: string): readonly Key[] {
    const held = this.map.get(this.hash(a, b));
    return held === undefined ? [] : Array.isArray(held) ? held : [held];
  }
}
