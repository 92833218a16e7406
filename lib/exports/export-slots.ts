import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { utcSession } from "@/lib/db";

/**
 * How many CSV exports may run at once: one per session, and `maxConcurrent` across every app
 * instance that shares this PostgreSQL (issue 16, item 9: 30 parallel exports from one session
 * took the server from 410 MB to 1 GB and every page to 1.5 s).
 *
 * Why PostgreSQL advisory locks, held by a connection of the export's own:
 * - the limit must hold with several app instances (issue 19), and the database is the only state
 *   they share, so an in-process counter would allow `maxConcurrent` per instance;
 * - a session-level advisory lock is released by PostgreSQL itself when its connection ends, on
 *   every path: the export finishes, the client goes away, the instance crashes or loses the
 *   network (TCP keepalive). A lease table would need heartbeats, an expiry and a clean-up, and a
 *   crashed instance would block exports until its leases expired;
 * - `pg_try_advisory_lock` never waits: a refusal is immediate.
 * The cost is one PostgreSQL connection per running export (bounded by `maxConcurrent`), outside
 * the app's Prisma pool, so exports never take the connections pages need. The export runs its
 * own batches on it too (`slot.db`: the renewals export). It needs a session-level connection:
 * behind PgBouncer, point it at a session-mode pool (transaction mode would drop the lock at the
 * end of the statement).
 *
 * Keys: one per session ("orderdesk:export:session:<id>") and one per server-wide slot
 * ("orderdesk:export:slot:<n>", n < maxConcurrent); an export takes its session's key, then the
 * first free slot. 64-bit keys from SHA-256, so they collide with no other use of advisory locks.
 */
export type SlotRefusal = "session" | "server";

export interface ExportSlot {
  /** The connection that holds the slot; the export may run its queries on it. */
  db: pg.Client;
  /** Ends the slot's connection, which releases its locks. Idempotent. */
  release(): Promise<void>;
}

export type SlotResult = { ok: true; slot: ExportSlot } | { ok: false; reason: SlotRefusal };

/** The advisory lock key for a name: the first 8 bytes of its SHA-256, as a signed 64-bit integer. */
export function advisoryKey(name: string): string {
  return createHash("sha256").update(name).digest().readBigInt64BE(0).toString();
}

export const sessionKey = (owner: string) => advisoryKey(`orderdesk:export:session:${owner}`);
export const slotKey = (slot: number) => advisoryKey(`orderdesk:export:slot:${slot}`);

export async function acquireExportSlot(databaseUrl: string, owner: string, maxConcurrent: number): Promise<SlotResult> {
  const client = new pg.Client({ ...utcSession(databaseUrl), application_name: "orderdesk export slot", keepAlive: true, connectionTimeoutMillis: 10_000 });
  // A connection cut under a running export (a database restart) only loses the locks: the
  // export goes on, and the limit is briefly looser. It must not crash the server.
  client.on("error", () => {});
  let released: Promise<void> | undefined;
  const release = () => (released ??= client.end().catch(() => {}));
  try {
    await client.connect();
    if (!(await tryLock(client, sessionKey(owner)))) {
      await release();
      return { ok: false, reason: "session" };
    }
    // One statement per slot (at most maxConcurrent round trips on loopback): a single query
    // with the lock call in its WHERE may lock more rows than it returns.
    for (let slot = 0; slot < maxConcurrent; slot++) {
      if (await tryLock(client, slotKey(slot))) return { ok: true, slot: { db: client, release } };
    }
    await release();
    return { ok: false, reason: "server" };
  } catch (error) {
    await release();
    throw error;
  }
}

async function tryLock(client: pg.Client, key: string): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [key]);
  return rows[0]?.ok === true;
}
