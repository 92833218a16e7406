/**
 * Sign-in on instance A, then every page and a server action on instance B; sign-out on B ends the
 * session on A too; a CSRF token from A signs in on B; failed sign-ins spread over A and B count in
 * one throttle counter (the right password right after six failures, three on each, is refused: with
 * a counter per instance each would have seen three, under the limit of five).
 */
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { ROOT } from "@/tools/launcher/processes";
import { DEMO_PASSWORD } from "@/tools/demo-world/demo-data";
import { actionIds, csrf, page, signIn, signOut, timed } from "../http";
import { ORDER_ACTION, orderInput, postOrder, placed, describe } from "../orders";
import { THROTTLE_USER, buildPath, type Fleet } from "../fleet";
import { check, Tally, type ScenarioResult } from "../report";

/** Every page of the app, from app/**\/page.tsx (route groups are not in the URL). */
function appRoutes(): string[] {
  const appDir = path.join(ROOT, "app");
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name === "page.tsx" ? [dir] : []));
  return walk(appDir)
    .map((dir) => `/${path.relative(appDir, dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s)).join("/")}`)
    .filter((r) => !["/signin", "/signout", "/forbidden"].includes(r))
    .sort((a, b) => a.split("[").length - b.split("[").length || a.localeCompare(b));
}

/** A dynamic route filled with an id from a link a visited page showed. */
function fill(route: string, links: string[], statics: Set<string>): string | null {
  if (!route.includes("[")) return route;
  const at = route.indexOf("/[");
  const prefix = route.slice(0, at);
  const rest = route.slice(route.indexOf("]", at) + 1);
  for (const link of links) {
    const m = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/([^/?#"]+)$`).exec(link);
    if (m && !statics.has(`${prefix}/${m[1]}`)) return fill(`${prefix}/${m[1]}${rest}`, links, statics);
  }
  return null;
}

export async function sessionsScenario(fleet: Fleet, tag: string): Promise<ScenarioResult> {
  const started = performance.now();
  const tally = new Tally();
  const A = fleet.direct("A");
  const B = fleet.direct("B");
  const checks = [];
  const notes: string[] = [];

  const signedIn = await signIn(A, "admin@orderdesk.test", DEMO_PASSWORD);
  tally.record(0, signedIn.ok, "sign-in", false);
  checks.push(check("sign-in on A", signedIn.ok, signedIn.ok ? "session cookie set by A" : `refused: ${signedIn.error}`));
  if (!signedIn.ok) return { scenario: "sessions: sign-in A, pages+action B (direct)", requests: tally.requests, failures: tally.failures, orders: "-", duplicates: 0, latencies: [], seconds: 0, checks };
  const cookie = signedIn.cookie;

  // Every page on B with A's session.
  const routes = appRoutes();
  const statics = new Set(routes.filter((r) => !r.includes("[")));
  const links: string[] = [];
  const bad: string[] = [];
  const skipped: string[] = [];
  let visited = 0;
  for (const route of routes) {
    const address = fill(route, links, statics);
    if (!address) {
      skipped.push(route);
      continue;
    }
    const { ms, value } = await timed(() => page(B, address, cookie));
    const ok = value.status === 200;
    tally.record(ms, ok, `page ${value.status}`);
    visited++;
    if (!ok) bad.push(`${address} ${value.status}${value.location ? ` → ${value.location}` : ""}`);
    for (const m of value.body.matchAll(/href="(\/[^"?#]*)"/g)) links.push(m[1]!);
  }
  checks.push(check("every page on B with A's session", bad.length === 0 && skipped.length === 0, `${visited} pages 200${bad.length ? `; not 200: ${bad.join(", ")}` : ""}${skipped.length ? `; no id found for ${skipped.join(", ")}` : ""}`));

  // A server action on B (the order form's), with the session A made.
  const orderId = actionIds(buildPath(fleet.builds.B))(ORDER_ACTION.file, ORDER_ACTION.exportedName);
  const { ms: actionMs, value: action } = await timed(() => postOrder(B, orderId, cookie, orderInput(`session-${tag}.fleet.example`)));
  tally.record(actionMs, placed(action), `action ${describe(action)}`);
  checks.push(check("server action on B with A's session", placed(action), describe(action)));

  // CSRF: the token and cookie A handed out sign in on B.
  const pair = await csrf(A);
  const crossed = await signIn(B, "staff@orderdesk.test", DEMO_PASSWORD, pair);
  tally.record(0, crossed.ok, "csrf sign-in", false);
  checks.push(check("CSRF token from A accepted by B", crossed.ok, crossed.ok ? "signed in on B with A's CSRF pair" : `refused: ${crossed.error}`));

  // Sign-out on B ends the session everywhere: A answers with the sign-in page, and refuses an action.
  const outStatus = await signOut(B, cookie);
  const after = await page(A, "/orders", cookie);
  const revoked = after.status >= 300 && after.status < 400 && (after.location ?? "").includes("/signin");
  const late = await postOrder(A, orderId, cookie, orderInput(`revoked-${tag}.fleet.example`));
  const lateRefused = late.result?.ok === false && late.result.error?.code === "UNAUTHENTICATED";
  tally.record(0, outStatus < 400, "sign-out", false);
  checks.push(check("sign-out on B revokes the session on A", revoked && lateRefused, `A: /orders ${after.status} → ${after.location ?? "-"}; action ${describe(late)}${late.result?.ok === false ? ` ${late.result.error?.code}` : ""}`));

  // The throttle counter is shared: 6 wrong passwords (3 on A, 3 on B), then the right one.
  for (let i = 0; i < 6; i++) await signIn(i % 2 ? B : A, THROTTLE_USER.email, `wrong-${randomUUID()}`);
  const right = await signIn(A, THROTTLE_USER.email, THROTTLE_USER.password);
  const rows = await fleet.db.signInThrottle.findMany({ where: { key: { startsWith: `acct:${THROTTLE_USER.email}|` } }, select: { key: true, failures: true } });
  const failures = rows.reduce((s, r) => s + r.failures, 0);
  checks.push(check("failed sign-ins over A and B count together", !right.ok && failures >= 6, `${failures} failures in ${rows.length} counter row(s); the right password next: ${right.ok ? "let in (counters apart!)" : `refused: "${right.error}"`}`));
  notes.push(`pages visited on B: ${visited}`);

  return { scenario: "sessions: sign-in A, pages+action B (direct)", requests: tally.requests, failures: tally.failures, orders: placed(action) ? "1 placed" : "0", duplicates: 0, latencies: tally.latencies, seconds: (performance.now() - started) / 1000, checks, notes };
}
