/**
 * A bulk renewal run with both workers: started through nginx with the renewals page's server action,
 * worked by the two job workers; `kill -9` of worker 1 once `killAt` of the run is settled. The other
 * worker finishes the run (the killed worker's claims come back when their lease runs out). Then,
 * per license, the renewals "Sectigo" holds (orders whose previousOrderNumber is the license's order
 * before the run): exactly one each, and every item of the run PLACED.
 */
import { randomUUID } from "node:crypto";
import { DEMO_PASSWORD } from "@/tools/demo-world/demo-data";
import { actionIds, callAction, signIn, timed } from "../http";
import { sandboxOrders } from "../orders";
import { RENEWAL_FOREIGN_PREFIX } from "../renewal-world";
import { buildPath, type Fleet } from "../fleet";
import { check, Tally, type ScenarioResult } from "../report";

const START_RUN = { file: "app/(app)/renewals/runs/new/actions.ts", exportedName: "startRenewalRunAction", page: "/renewals/runs/new" };

export async function renewalScenario(fleet: Fleet, opts: { killAt: number | null; timeoutMs: number }): Promise<ScenarioResult> {
  const started = performance.now();
  const tally = new Tally();
  const licenses = await fleet.db.license.findMany({ where: { order: { foreignOrderNumber: { startsWith: RENEWAL_FOREIGN_PREFIX } } }, select: { id: true, currentOrderNumber: true } });
  const before = new Map(licenses.map((l) => [l.currentOrderNumber!, l.id]));
  const session = await signIn(fleet.nginx.url, "manager@orderdesk.test", DEMO_PASSWORD);
  if (!session.ok) throw new Error(`manager sign-in failed: ${session.error}`);
  const id = actionIds(buildPath(fleet.builds.A))(START_RUN.file, START_RUN.exportedName);
  const { ms, value } = await timed(() =>
    callAction<{ ok: boolean; data?: { runId: string }; error?: { message?: string } }>(fleet.nginx.url, START_RUN.page, id, session.cookie, [{ submissionKey: randomUUID(), selection: { kind: "selection", licenseIds: licenses.map((l) => l.id) } }]),
  );
  tally.record(ms, value.status === 200 && value.result?.ok === true, `start ${value.status}`);
  const runId = value.result?.data?.runId;
  if (!runId) throw new Error(`the run did not start: HTTP ${value.status} ${value.result?.error?.message ?? value.text.slice(0, 200)}`);

  const settled = async () => {
    const r = await fleet.db.renewalRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true, total: true, placed: true, failed: true, unknown: true, refused: true } });
    return { ...r, done: r.placed + r.failed + r.unknown + r.refused };
  };
  const notes: string[] = [];
  let killedAt: number | null = null;
  const deadline = Date.now() + opts.timeoutMs;
  let state = await settled();
  const runStarted = performance.now();
  while (state.status !== "DONE" && Date.now() < deadline) {
    if (opts.killAt !== null && killedAt === null && state.done >= state.total * opts.killAt) {
      await fleet.workers[0]!.kill9();
      killedAt = state.done;
      notes.push(`kill -9 of worker 1 at ${state.done}/${state.total} settled, ${((performance.now() - runStarted) / 1000).toFixed(1)} s into the run`);
    }
    await new Promise((r) => setTimeout(r, 100));
    state = await settled();
  }
  const runSeconds = (performance.now() - runStarted) / 1000;

  // Items whose answer the kill cut off are UNKNOWN (never sent again). The reconciliation pass (every
  // minute) settles their orders once they are stale; the run's recheck then counts the placed ones
  // and renews, with the period's next key, the ones Sectigo never received (lib/licenses/bulk-renewal).
  const reconcileStarted = performance.now();
  const unknownAfterRun = state.unknown;
  while ((state.unknown > 0 || state.status !== "DONE") && performance.now() - reconcileStarted < 360_000) {
    await new Promise((r) => setTimeout(r, 1000));
    state = await settled();
  }
  const reconcileSeconds = (performance.now() - reconcileStarted) / 1000;
  if (unknownAfterRun > 0) notes.push(`${unknownAfterRun} items UNKNOWN when the run first finished; ${state.unknown} after ${reconcileSeconds.toFixed(0)} s of reconciliation and the run's recheck`);

  // What Sectigo holds: renewal orders of these licenses' orders, per license.
  const perLicense = new Map<string, number>();
  const renewalNumbers: string[] = [];
  for (const o of await sandboxOrders(fleet)) {
    const licenseId = o.previousOrderNumber ? before.get(o.previousOrderNumber) : undefined;
    if (licenseId) perLicense.set(licenseId, (perLicense.get(licenseId) ?? 0) + 1);
    if (licenseId && o.foreignOrderNumber) renewalNumbers.push(o.foreignOrderNumber);
  }
  // And what the app knows of them.
  const appOrders = async () => {
    const rows = await fleet.db.order.groupBy({ by: ["status"], where: { foreignOrderNumber: { in: renewalNumbers } }, _count: true });
    return new Map(rows.map((r) => [r.status as string, r._count]));
  };
  const known = await appOrders();
  const knownText = [...known].map(([s, n]) => `${n} ${s}`).join(", ");
  // Why reconciliation did or did not come: the pass's jobs by state (a singleton queue: one active at a time).
  const passJobs = await fleet.db.$queryRaw<Array<{ state: string; n: bigint }>>`SELECT state::text AS state, count(*) AS n FROM pgboss.job WHERE name = 'orders.reconcile-pass' GROUP BY state`;
  notes.push(`reconciliation pass jobs: ${passJobs.map((j) => `${j.n} ${j.state}`).join(", ") || "none"}`);
  const twice = [...perLicense.values()].filter((n) => n > 1).length;
  const never = licenses.filter((l) => !perLicense.has(l.id)).length;
  const items = await fleet.db.renewalRunItem.groupBy({ by: ["status"], where: { runId }, _count: true });
  const itemText = items.map((i) => `${i._count} ${i.status}`).join(", ");
  if (killedAt !== null) notes.push(`worker 1 restarted after the run`);
  if (killedAt !== null) await fleet.startWorker(0);
  const renewed = [...perLicense.values()].reduce((s, n) => s + n, 0);
  return {
    scenario: `bulk renewal of ${licenses.length}${opts.killAt !== null ? ", kill -9 one worker" : ""}`,
    requests: tally.requests,
    failures: tally.failures,
    orders: `${renewed} renewals upstream`,
    duplicates: twice,
    latencies: tally.latencies,
    seconds: (performance.now() - started) / 1000,
    checks: [
      check("the run finished", state.status === "DONE", `${state.status} after ${runSeconds.toFixed(1)} s (${(state.done / runSeconds).toFixed(1)} items/s): ${state.placed} placed, ${state.failed} failed, ${state.unknown} unknown, ${state.refused} refused of ${state.total}`),
      ...(opts.killAt !== null ? [check("the other worker finished after kill -9", killedAt !== null && killedAt < state.total && state.status === "DONE", killedAt === null ? "the run ended before the kill" : `killed at ${killedAt}/${state.total}`)] : []),
      check("every license renewed exactly once upstream", twice === 0 && never === 0 && state.failed === 0, `${licenses.length} licenses: ${perLicense.size} renewed, ${twice} twice, ${never} not at all; run items: ${itemText}`),
      check("the app knows every renewal (none lost)", (known.get("PLACED") ?? 0) === licenses.length && renewalNumbers.length === licenses.length, `the ${renewalNumbers.length} renewal orders in the app: ${knownText}${unknownAfterRun ? ` (after ${reconcileSeconds.toFixed(0)} s of reconciliation for the ${unknownAfterRun} UNKNOWN items)` : ""}`),
    ],
    notes,
  };
}
