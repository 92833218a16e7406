import "server-only";
import type { Actor } from "@/lib/auth/session";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { acquireExportSlot, type SlotRefusal } from "@/lib/exports/export-slots";
import { EXPORT_REFUSED_MESSAGES } from "@/lib/exports/export-messages";
import { exportStream } from "@/lib/exports/export-stream";
import type { Queryable } from "@/lib/db/query-rows";

/** A refused export: the sentence to show and when to try again. */
export class ExportRefusedError extends AppError {
  constructor(
    readonly reason: SlotRefusal,
    readonly retryAfterSeconds: number,
  ) {
    super(reason === "session" ? "CONFLICT" : "RATE_LIMITED", EXPORT_REFUSED_MESSAGES[reason]);
    this.name = "ExportRefusedError";
  }
}

/** Whose export this is: the signed-in session, or the user when there is none (a script, a test). */
export function exportOwner(actor: Actor): string {
  return actor.sessionId ? `session:${actor.sessionId}` : `user:${actor.id}`;
}

/**
 * Every CSV export goes through here (issue 16, item 9): an export slot first (one export per
 * session, EXPORT_MAX_CONCURRENT across the fleet: lib/exports/export-slots.ts), then the stream
 * that pulls one batch per read of the client (lib/exports/export-stream.ts) and gives the slot
 * back when it ends, however it ends. The caller has checked the actor's permission; `chunks`
 * (the CSV, header first, one chunk of bytes per batch) is not started unless the slot is granted,
 * and gets the slot's own connection to read on (outside the pool the pages use). Throws
 * ExportRefusedError when no slot is free.
 */
export async function startCsvExport(
  actor: Actor,
  spec: { chunks: (db: Queryable) => AsyncIterator<Uint8Array>; signal?: AbortSignal; stallMs?: number },
): Promise<ReadableStream<Uint8Array>> {
  const env = serverEnv();
  const granted = await acquireExportSlot(env.DATABASE_URL, exportOwner(actor), env.EXPORT_MAX_CONCURRENT);
  if (!granted.ok) throw new ExportRefusedError(granted.reason, granted.reason === "session" ? 30 : 60);
  return exportStream({ chunks: spec.chunks(granted.slot.db), signal: spec.signal, stallMs: spec.stallMs, onClose: granted.slot.release });
}
