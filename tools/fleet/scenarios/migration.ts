/**
 * A migration applied while the previous version serves, under load: expand (a nullable column
 * added to "Order", the table every order POST of the load writes), the load goes on, then contract
 * (the column dropped). Both are real migration folders, applied by the project's migration runner
 * (lib/db/migrations.ts, Prisma's engine, recorded in _prisma_migrations) from a folder holding the
 * project's migrations plus these; then the app role's grants are applied again, as the launcher does.
 */
import fs from "node:fs";
import path from "node:path";
import { APP_ROLE, grantAppRole } from "@/lib/db/app-role";
import { applyMigrations, MIGRATIONS_DIR } from "@/lib/db/migrations";
import { withLoad } from "./rolling";
import type { Fleet } from "../fleet";
import { check, type ScenarioResult } from "../report";

const EXPAND = { name: "29991231000000_fleet_expand_order_note", sql: `-- Expand: a nullable column the running version does not know.\nALTER TABLE "Order" ADD COLUMN "fleetNote" TEXT;\n` };
const CONTRACT = { name: "29991231000001_fleet_contract_order_note", sql: `-- Contract: the column goes again.\nALTER TABLE "Order" DROP COLUMN "fleetNote";\n` };

export async function migrationScenario(fleet: Fleet, clients: number, tag: string): Promise<ScenarioResult> {
  const started = performance.now();
  const dir = path.join(fleet.runDir, "migrations");
  fs.mkdirSync(dir);
  for (const entry of fs.readdirSync(MIGRATIONS_DIR)) fs.cpSync(path.join(MIGRATIONS_DIR, entry), path.join(dir, entry), { recursive: true });
  const add = (m: { name: string; sql: string }) => {
    fs.mkdirSync(path.join(dir, m.name));
    fs.writeFileSync(path.join(dir, m.name, "migration.sql"), m.sql);
  };
  const notes: string[] = [];
  const applied: string[] = [];
  let columnSeen = false;
  const r = await withLoad(fleet, clients, tag, async (load) => {
    add(EXPAND);
    let t = performance.now();
    applied.push(...(await applyMigrations(fleet.ownerUrl, dir)));
    await grantAppRole(fleet.ownerUrl, APP_ROLE);
    notes.push(`expand applied in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const cols = await fleet.db.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'Order' AND column_name = 'fleetNote'`;
    columnSeen = Number(cols[0]?.n) === 1;
    await load.afterRequests(clients * 4); // the old version serves on the expanded schema
    add(CONTRACT);
    t = performance.now();
    applied.push(...(await applyMigrations(fleet.ownerUrl, dir)));
    await grantAppRole(fleet.ownerUrl, APP_ROLE);
    notes.push(`contract applied in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  });
  return {
    scenario: `migration expand+contract, ${clients} clients`,
    requests: r.load.tally.requests,
    failures: r.load.tally.failures,
    orders: `${r.load.ordersPlaced} placed`,
    duplicates: 0,
    latencies: r.load.tally.latencies,
    seconds: (performance.now() - started) / 1000,
    checks: [
      check("both migrations applied by the runner", applied.join(",") === `${EXPAND.name},${CONTRACT.name}` && columnSeen, `applied: ${applied.join(", ") || "none"}; column present after expand: ${columnSeen}`),
      check("0 failed requests through nginx", r.load.tally.failures === 0, `${r.load.tally.failures} of ${r.load.tally.requests} failed (${r.load.tally.kinds()})`),
      check("0 orders left UNKNOWN", r.unknown === 0, `${r.orders.length} orders: ${[...r.byStatus].map(([s, n]) => `${n} ${s}`).join(", ")}`),
    ],
    notes,
  };
}
