/**
 * Reads an answer's body with a size cap, counting bytes while they stream in. `response.text()`
 * would hold whatever the other end sends (a 100 MB answer was read whole and stored): here the
 * read stops at the cap and the connection is dropped, so memory and the recorded row stay small.
 * The call's timeout (an AbortSignal given to fetch) also ends a body that arrives too slowly.
 */

/** Largest answer read for most operations: Sectigo's answers are a few hundred bytes. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
/**
 * WebHostReport pages grow with the page size: a 500-row page (the sync's) of the sandbox's scaled
 * world measured 360-367 KB (with costs and status details); 8 MiB leaves room for rows 20x wider.
 */
export const REPORT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** What is kept of an answer that was cut: enough to see what answered, never the bulk of it. */
export const CUT_PREFIX_CHARS = 2_000;

export type BodyRead = { cut: false; text: string } | { cut: true; prefix: string; limit: number };

export async function readBodyCapped(response: Response, limit: number): Promise<BodyRead> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    // Announced as too large: not one byte of it is read.
    await response.body?.cancel().catch(() => {});
    return { cut: true, prefix: "", limit };
  }
  if (!response.body) return { cut: false, text: "" };

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      const kept = concat([...chunks, value], CUT_PREFIX_CHARS * 4);
      return { cut: true, prefix: new TextDecoder().decode(kept).slice(0, CUT_PREFIX_CHARS), limit };
    }
    chunks.push(value);
  }
  // Same decoding as response.text(): UTF-8, a leading BOM dropped, bad bytes replaced.
  return { cut: false, text: new TextDecoder().decode(concat(chunks, size)) };
}

function concat(chunks: Uint8Array[], max: number): Uint8Array {
  const out = new Uint8Array(Math.min(max, chunks.reduce((n, c) => n + c.byteLength, 0)));
  let at = 0;
  for (const chunk of chunks) {
    if (at >= out.length) break;
    const part = chunk.subarray(0, out.length - at);
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
