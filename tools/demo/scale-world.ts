/**
 * One world at any size in both places: the app's PostgreSQL (scaled-world-db.ts) and the running
 * sandbox (POST /__sandbox/seed), from the same generator, seed and anchor. The database rows are
 * written in one transaction that commits only once the sandbox has answered 201, so a refusal on
 * either side leaves both as they were. A seed already present on both sides is reported, not
 * repeated; present on one side only, the other side is filled.
 */
import pg from "pg";
import { DEMO_RESELLER_ACCOUNT_ID } from "./seed-demo";
import { insertScaledWorld, presenceOf, worldPresence, worldProbes, type InsertedCounts } from "./scaled-world-db";
import { scaledOrderNumber, scaledWorldOptions, type ScaledWorldInput, type ScaledWorldOptions } from "../demo-world/scaled-world";
import { utcSession } from "@/lib/db";

export interface ScaleWorldInput {
  databaseUrl: string;
  options: ScaledWorldInput;
  /** Day zero of the world (midnight UTC). */
  anchor: Date;
  /** Omit to fill the database only. */
  sandbox?: { url: string; adminToken: string };
  log?: (line: string) => void;
}

export type ScaleWorldResult =
  | { status: "seeded"; db: InsertedCounts | "already there"; sandbox: SandboxSummary | "already there" | "skipped"; ms: number; analyzeMs: number | null }
  | { status: "already there" }
  | { status: "refused"; message: string };

interface SandboxSummary {
  customers: number;
  licenses: number;
  addOns: number;
  orders: number;
  ms: number;
}

/** Origin of a sandbox URL given as the API base (`…/products/`) or the bare server. */
export function sandboxOrigin(url: string): string {
  return new URL(url).origin;
}

async function sandboxRequest(sandbox: { url: string; adminToken: string }, method: string, path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(`${sandboxOrigin(sandbox.url)}/__sandbox/${path}`, {
      method,
      headers: { authorization: `Bearer ${sandbox.adminToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new Error(`the sandbox at ${sandboxOrigin(sandbox.url)} does not answer (${error instanceof Error ? error.message : String(error)}); is npm start running?`);
  }
}

async function sandboxPresence(sandbox: { url: string; adminToken: string }, options: ScaledWorldOptions): Promise<"none" | "all" | "partial"> {
  const { present, absent } = worldProbes(options);
  const found = new Set<number>();
  for (const i of [...present, ...absent]) {
    const res = await sandboxRequest(sandbox, "GET", `orders/${scaledOrderNumber(options.seed, i)}`);
    await res.body?.cancel();
    if (res.status === 401 || res.status === 403) throw new Error("the sandbox refused the admin token (SANDBOX_ADMIN_TOKEN or sandboxAdminToken in the data dir's local-secrets.json)");
    if (res.status === 200) found.add(i);
  }
  return presenceOf(options, (i) => found.has(i));
}

export async function scaleWorld(input: ScaleWorldInput): Promise<ScaleWorldResult> {
  const parsed = scaledWorldOptions.safeParse(input.options);
  if (!parsed.success) return { status: "refused", message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const options = parsed.data;
  const log = input.log ?? (() => {});
  const started = performance.now();
  // UTC like the app's sessions (lib/db.ts): column defaults (CURRENT_TIMESTAMP) are then UTC wall time.
  const client = new pg.Client(utcSession(input.databaseUrl));
  await client.connect();
  try {
    const { rows } = await client.query<{ loginName: string }>(`SELECT "loginName" FROM "ResellerAccount" WHERE id = $1`, [DEMO_RESELLER_ACCOUNT_ID]);
    const loginName = rows[0]?.loginName;
    if (!loginName) return { status: "refused", message: `no reseller account "${DEMO_RESELLER_ACCOUNT_ID}" in the database: start the app once with the demo (npm start, SEED_DEMO=1)` };

    const inDb = await worldPresence(client, options);
    const inSandbox = input.sandbox ? await sandboxPresence(input.sandbox, options) : "none";
    const partial = [inDb === "partial" && "the app's database", inSandbox === "partial" && "the sandbox"].filter(Boolean);
    if (partial.length > 0) {
      return { status: "refused", message: `seed ${options.seed} holds a world of another size in ${partial.join(" and ")}: use another --seed` };
    }
    if (inDb === "all" && (inSandbox === "all" || !input.sandbox)) return { status: "already there" };

    await client.query("BEGIN");
    let db: InsertedCounts | "already there" = "already there";
    if (inDb === "none") {
      log(`Inserting ${options.licenses.toLocaleString("en")} licenses (seed ${options.seed}) into the app's database...`);
      db = await insertScaledWorld(client, {
        options,
        anchor: input.anchor,
        resellerAccountId: DEMO_RESELLER_ACCOUNT_ID,
        placedById: await staffUserId(client),
        onChunk: (c) => log(`  ${c.licenses.toLocaleString("en")} / ${options.licenses.toLocaleString("en")} licenses (${((performance.now() - started) / 1000).toFixed(1)} s)`),
      });
    }
    let sandbox: SandboxSummary | "already there" | "skipped" = input.sandbox ? "already there" : "skipped";
    if (input.sandbox && inSandbox === "none") {
      log(`Seeding the sandbox (${loginName})...`);
      const res = await sandboxRequest(input.sandbox, "POST", "seed", { ...options, loginName, anchor: input.anchor.toISOString() });
      const body = (await res.json().catch(() => ({}))) as SandboxSummary & { error?: string };
      if (res.status !== 201) {
        await client.query("ROLLBACK");
        return { status: "refused", message: `the sandbox refused the seed (${res.status}): ${body.error ?? "no reason given"}; the app's database is unchanged` };
      }
      sandbox = body;
    }
    await client.query("COMMIT");
    // Fresh planner statistics at once: left to autovacuum, they stayed stale for ~80 s after a
    // million rows and pages took 350-840 ms meanwhile (issue 19). ANALYZE samples, so seconds.
    let analyzeMs: number | null = null;
    if (db !== "already there") {
      const analyzeStarted = performance.now();
      log("Updating the planner's statistics (ANALYZE)...");
      await client.query("ANALYZE");
      analyzeMs = Math.round(performance.now() - analyzeStarted);
    }
    return { status: "seeded", db, sandbox, ms: Math.round(performance.now() - started), analyzeMs };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** The demo's staff user places the demo orders (seed-demo.ts); null when there is none. */
async function staffUserId(client: pg.Client): Promise<string | null> {
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE id = 'demo-user-staff'`);
  return rows[0]?.id ?? null;
}
