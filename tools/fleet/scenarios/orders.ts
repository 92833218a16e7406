/**
 * Exactly once through the fleet: `copies` posts of ONE order submission (same submission key) at once
 * through nginx, spread over both instances: one order at Sectigo. Then `distinct` different orders
 * (20 at a time): every one placed once, the sandbox's count equal to the app's, no foreign order
 * number twice.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { DEMO_PASSWORD } from "@/tools/demo-world/demo-data";
import { actionIds, signIn, timed } from "../http";
import { ORDER_ACTION, describe, duplicates, orderInput, placed, postOrder, sandboxOrders } from "../orders";
import { buildPath, type Fleet } from "../fleet";
import { check, Tally, type ScenarioResult } from "../report";

export async function sameSubmissionScenario(fleet: Fleet, copies: number, tag: string): Promise<ScenarioResult> {
  const started = performance.now();
  const tally = new Tally();
  const base = fleet.nginx.url;
  const session = await signIn(base, "staff@orderdesk.test", DEMO_PASSWORD);
  if (!session.ok) throw new Error(`staff sign-in through nginx failed: ${session.error}`);
  const id = actionIds(buildPath(fleet.builds.A))(ORDER_ACTION.file, ORDER_ACTION.exportedName);
  const domain = `once-${tag}.fleet.example`;
  const input = orderInput(domain);
  const answers = await Promise.all(
    Array.from({ length: copies }, async () => {
      const { ms, value } = await timed(() => postOrder(base, id, session.cookie, input));
      tally.record(ms, placed(value), describe(value));
      return value;
    }),
  );
  const orderIds = new Set(answers.map((a) => a.result?.data?.order?.id).filter(Boolean));
  const upstream = (await sandboxOrders(fleet)).filter((o) => o.domainName === domain);
  const inApp = await fleet.db.order.count({ where: { submissionKey: input.submissionKey } });
  const outcomes = new Map<string, number>();
  for (const a of answers) outcomes.set(describe(a), (outcomes.get(describe(a)) ?? 0) + 1);
  const servedBy = await instancesThatAnswered(fleet, copies);
  return {
    scenario: `${copies} copies of one submission (nginx)`,
    requests: tally.requests,
    failures: tally.failures,
    orders: `${upstream.length} upstream, ${inApp} in app`,
    duplicates: Math.max(0, upstream.length - 1),
    latencies: tally.latencies,
    seconds: (performance.now() - started) / 1000,
    checks: [
      check("exactly one upstream order", upstream.length === 1 && inApp === 1, `sandbox ${upstream.length}, app ${inApp}`),
      check("the copies went to both instances", servedBy.instances >= 2, servedBy.text),
      check("every copy answered with that order", tally.failures === 0 && orderIds.size === 1, `${[...outcomes].map(([k, n]) => `${n}× ${k}`).join(", ")}; order ids seen: ${orderIds.size}`),
    ],
  };
}

export async function distinctOrdersScenario(fleet: Fleet, count: number, tag: string): Promise<ScenarioResult> {
  const started = performance.now();
  const tally = new Tally();
  const base = fleet.nginx.url;
  const session = await signIn(base, "staff@orderdesk.test", DEMO_PASSWORD);
  if (!session.ok) throw new Error(`staff sign-in through nginx failed: ${session.error}`);
  const id = actionIds(buildPath(fleet.builds.A))(ORDER_ACTION.file, ORDER_ACTION.exportedName);
  const suffix = `.many-${tag}.fleet.example`;
  const keys: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < count) {
        const i = next++;
        const key = randomUUID();
        keys.push(key);
        const { ms, value } = await timed(() => postOrder(base, id, session.cookie, orderInput(`o${i}${suffix}`, key)));
        tally.record(ms, placed(value) && value.result?.data?.outcome === "PLACED", describe(value));
      }
    }),
  );
  const upstream = (await sandboxOrders(fleet)).filter((o) => o.domainName?.endsWith(suffix));
  const app = await fleet.db.order.findMany({ where: { submissionKey: { in: keys } }, select: { status: true, foreignOrderNumber: true, orderNumber: true } });
  const appPlaced = app.filter((o) => o.status === "PLACED").length;
  const dupForeign = duplicates(upstream.map((o) => o.foreignOrderNumber));
  const dupDomain = duplicates(upstream.map((o) => o.domainName));
  const matched = app.filter((o) => upstream.some((u) => u.orderNumber === o.orderNumber)).length;
  return {
    scenario: `${count} different orders (nginx, 20 at once)`,
    requests: tally.requests,
    failures: tally.failures,
    orders: `${upstream.length} upstream, ${appPlaced} placed in app`,
    duplicates: dupForeign + dupDomain,
    latencies: tally.latencies,
    seconds: (performance.now() - started) / 1000,
    checks: [
      check(`${count} placed, none twice`, tally.failures === 0 && upstream.length === count && appPlaced === count && dupForeign === 0 && dupDomain === 0, `answers failed: ${tally.kinds()}; sandbox ${upstream.length} orders, app ${appPlaced} PLACED of ${app.length}; duplicate foreign numbers ${dupForeign}, domains ${dupDomain}`),
      check("sandbox count == app count, same order numbers", upstream.length === app.length && matched === app.length, `${matched} of ${app.length} app orders carry an order number the sandbox holds`),
    ],
  };
}

/** Which instances took the requests (nginx's access log names the upstream): both must have. */
async function instancesThatAnswered(fleet: Fleet, last: number): Promise<{ instances: number; text: string }> {
  const fs = await import("node:fs");
  const file = path.join(path.dirname(fleet.nginx.confFile), "access.log");
  const lines = fs.readFileSync(file, "utf8").trim().split("\n").filter((l) => l.startsWith("POST /orders/new")).slice(-last);
  const counts = new Map<string, number>();
  for (const l of lines) {
    const up = / upstream=(\S+)/.exec(l)?.[1] ?? "?";
    counts.set(up, (counts.get(up) ?? 0) + 1);
  }
  return { instances: [...counts.keys()].filter((u) => u !== "?").length, text: `served by: ${[...counts].map(([u, n]) => `${u} ${n}`).join(", ")}` };
}
