import "server-only";
import { ExportRefusedError } from "@/lib/exports/start-csv-export";
import { EXPORT_REFUSED_PARAM } from "@/lib/exports/export-messages";

/** A CSV download: streamed, never cached. */
export function csvDownload(stream: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}

/**
 * The answer to a refused export, or null for any other error. A browser that followed the
 * Export link goes back to the page it came from (`backPath`, built by the route from the parsed
 * filter, never from the request), which shows the sentence; anything else (a script, curl)
 * gets the sentence itself: 429 for its own session's export, 503 when the server is full, both
 * with Retry-After.
 */
export function exportRefusal(error: unknown, request: Request, backPath: string): Response | null {
  if (!(error instanceof ExportRefusedError)) return null;
  const headers = { "retry-after": String(error.retryAfterSeconds), "cache-control": "no-store" };
  if (request.headers.get("sec-fetch-mode") === "navigate") {
    const back = new URL(backPath, request.url);
    back.searchParams.set(EXPORT_REFUSED_PARAM, error.reason);
    return new Response(null, { status: 303, headers: { ...headers, location: `${back.pathname}${back.search}` } });
  }
  return new Response(error.message, { status: error.reason === "session" ? 429 : 503, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
}
