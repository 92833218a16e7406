import http from "node:http";
import type pg from "pg";

/**
 * For the export benchmark: back-pressure seen from outside. A client reads the first `firstBytes`
 * of an export, then reads nothing for `pauseMs`, then the rest. Meanwhile the export's own
 * connection (application_name "orderdesk export slot", lib/exports/export-slots.ts) is watched in
 * pg_stat_activity: with back-pressure its last query starts once the socket buffers are full and
 * no further batch is queried until the client reads again.
 */
export async function slowClient(url: string, cookie: string, db: pg.Client, opts = { firstBytes: 1_000_000, settleMs: 1_000, pauseMs: 4_000 }) {
  const lastQueryStart = async () =>
    (await db.query<{ t: Date | null }>(`SELECT max(query_start) AS t FROM pg_stat_activity WHERE application_name = 'orderdesk export slot'`)).rows[0]?.t?.getTime() ?? null;
  let received = 0;
  let pausedAt = 0;
  let onPaused!: (res: http.IncomingMessage) => void;
  const paused = new Promise<http.IncomingMessage>((resolve) => (onPaused = resolve));
  const done = new Promise<number>((resolve, reject) => {
    http
      .get(url, { headers: { cookie } }, (res) => {
        res.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (!pausedAt && received >= opts.firstBytes) {
            pausedAt = received;
            res.pause();
            onPaused(res);
          }
        });
        res.on("end", () => resolve(received));
        res.on("error", reject);
      })
      .on("error", reject);
  });
  const res = await paused;
  await new Promise((r) => setTimeout(r, opts.settleMs)); // socket buffers fill
  const before = await lastQueryStart();
  await new Promise((r) => setTimeout(r, opts.pauseMs));
  const after = await lastQueryStart();
  res.resume();
  const total = await done;
  return { readBeforePause: pausedAt, queriedDuringPause: before !== after, pauseMs: opts.pauseMs, total };
}
