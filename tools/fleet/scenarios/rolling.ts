/**
 * Rolling restart and rolling deploy under load (tools/fleet/load.ts through nginx):
 * - restart: SIGTERM instance A, wait for its exit, start it, wait until it answers; then B. Every
 *   request of the load must succeed, and no order it placed may be left UNKNOWN (or SUBMITTING);
 * - deploy: a second build (same server-actions key and deployment id) into its own distDir; a form
 *   opened on the old build (its action id read from the old build, as the open page holds it) is
 *   submitted to an instance already on the new build: placed, no 409; A then B move to the new build
 *   while the load runs.
 */
import fs from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD } from "@/tools/demo-world/demo-data";
import { actionIds, page, signIn } from "../http";
import { startLoad, type Load } from "../load";
import { ORDER_ACTION, describe, orderInput, placed, postOrder } from "../orders";
import { buildPath, type Build, type Fleet, type InstanceName } from "../fleet";
import { CHANGED_PAGE, RELEASE_MARK, copyRelease } from "../release";
import { check, type Check, type ScenarioResult } from "../report";

const orderActionOf = (fleet: Fleet, name: InstanceName) => actionIds(buildPath(fleet.builds[name]))(ORDER_ACTION.file, ORDER_ACTION.exportedName);

export async function withLoad(fleet: Fleet, clients: number, tag: string, work: (load: Load) => Promise<void>) {
  const load = await startLoad({ base: fleet.nginx.url, clients, orderEvery: 4, actionId: () => orderActionOf(fleet, "A"), email: "staff@orderdesk.test", password: DEMO_PASSWORD, tag });
  await load.afterRequests(clients * 4); // the load is under way before anything changes
  try {
    await work(load);
    await load.afterRequests(clients * 4); // and goes on after
  } finally {
    await load.stop();
  }
  const orders = await fleet.db.order.findMany({ where: { submissionKey: { in: load.orderKeys } }, select: { status: true } });
  const byStatus = new Map<string, number>();
  for (const o of orders) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
  const unknown = (byStatus.get("UNKNOWN") ?? 0) + (byStatus.get("SUBMITTING") ?? 0);
  return { load, orders, byStatus, unknown };
}

function loadChecks(r: Awaited<ReturnType<typeof withLoad>>): Check[] {
  return [
    check("0 failed requests through nginx", r.load.tally.failures === 0, `${r.load.tally.failures} of ${r.load.tally.requests} failed (${r.load.tally.kinds()})`),
    check("0 orders left UNKNOWN", r.unknown === 0, `${r.orders.length} orders: ${[...r.byStatus].map(([s, n]) => `${n} ${s}`).join(", ") || "none"}`),
  ];
}

export async function rollingRestartScenario(fleet: Fleet, clients: number, tag: string): Promise<ScenarioResult> {
  const started = performance.now();
  const notes: string[] = [];
  const r = await withLoad(fleet, clients, tag, async () => {
    for (const name of ["A", "B"] as const) {
      const { exit, downMs, routedMs } = await fleet.restartInstance(name);
      notes.push(`${name}: exit ${exit} on SIGTERM, back in ${(downMs / 1000).toFixed(1)} s, in nginx's rotation ${(routedMs / 1000).toFixed(1)} s later`);
    }
  });
  return {
    scenario: `rolling restart, ${clients} clients`,
    requests: r.load.tally.requests,
    failures: r.load.tally.failures,
    orders: `${r.load.ordersPlaced} placed`,
    duplicates: 0,
    latencies: r.load.tally.latencies,
    seconds: (performance.now() - started) / 1000,
    checks: [...loadChecks(r), check("both instances exited cleanly on SIGTERM", notes.every((n) => n.includes("exit 0")), notes.join("; "))],
    notes,
  };
}

export async function rollingDeployScenario(fleet: Fleet, clients: number, tag: string): Promise<ScenarioResult> {
  const started = performance.now();
  const notes: string[] = [];
  // The new release lives in the run's folder; the postgres user needs nothing from it.
  const release: Build = { root: path.join(fleet.runDir, "release-2"), distDir: ".next" };
  copyRelease(release.root);
  const built = await fleet.build(release, true);
  notes.push(`new release (${CHANGED_PAGE} changed) built in ${built.seconds.toFixed(0)} s`);
  const old = fleet.builds.B;
  notes.push(`BUILD_ID old ${buildId(old)}, new ${buildId(release)}`);
  const session = await signIn(fleet.nginx.url, "staff@orderdesk.test", DEMO_PASSWORD);
  if (!session.ok) throw new Error(`sign-in failed: ${session.error}`);
  let formCheck: Check = check("a form opened on the old build submits to the new one", false, "not reached");
  let pageCheck: Check = check("the new build serves the changed page", false, "not reached");
  const r = await withLoad(fleet, clients, tag, async () => {
    // The form, opened on B (old build): the action id its page holds.
    const form = await page(fleet.direct("B"), ORDER_ACTION.page, session.cookie);
    const oldId = orderActionOf(fleet, "B");
    const { exit, downMs } = await fleet.restartInstance("A", release);
    notes.push(`A: exit ${exit} on SIGTERM, on the new build in ${(downMs / 1000).toFixed(1)} s`);
    const newId = orderActionOf(fleet, "A");
    const fresh = await page(fleet.direct("A"), ORDER_ACTION.page, session.cookie);
    pageCheck = check("the new build serves the changed page", fresh.body.includes(RELEASE_MARK) && !form.body.includes(RELEASE_MARK), `old B's form page ${form.body.includes(RELEASE_MARK) ? "has" : "has not"} the change, new A's ${fresh.body.includes(RELEASE_MARK) ? "has" : "has not"}`);
    const answer = await postOrder(fleet.direct("A"), oldId, session.cookie, orderInput(`skew-${tag}.fleet.example`));
    formCheck = check("a form opened on the old build submits to the new one", form.status === 200 && answer.status !== 409 && placed(answer), `form ${form.status} on old B; posted to new A: ${describe(answer)} (action id ${oldId === newId ? "the same in both builds" : "differs between the builds"})`);
    const b = await fleet.restartInstance("B", release);
    notes.push(`B: exit ${b.exit} on SIGTERM, on the new build in ${(b.downMs / 1000).toFixed(1)} s`);
  });
  notes.push(`old build: ${buildPath(old)}`);
  const conflicts = [...r.load.statuses].filter(([k]) => k.includes("409")).reduce((s, [, n]) => s + n, 0);
  return {
    scenario: `rolling deploy of a new build, ${clients} clients`,
    requests: r.load.tally.requests,
    failures: r.load.tally.failures,
    orders: `${r.load.ordersPlaced} placed`,
    duplicates: 0,
    latencies: r.load.tally.latencies,
    seconds: (performance.now() - started) / 1000,
    checks: [...loadChecks(r), pageCheck, formCheck, check("no 409 during the deploy", conflicts === 0, `${conflicts} answers 409`)],
    notes,
  };
}

const buildId = (b: Build) => fs.readFileSync(path.join(buildPath(b), "BUILD_ID"), "utf8").trim();
