/** Reviewer probe (issue 17 #12): an ignore after the difference went away and came back with the same pair. Setup copied from sync-drift.test.ts. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { anchorDay, DEMO_RESELLER } from "@/lib/demo/demo-data";
import { startSandbox } from "@/lib/sectigo/sandbox/server";
import { sectigoClientForAccount } from "@/lib/sectigo/account-client";
import type { SectigoClient } from "@/lib/sectigo/client";
import { processSyncRun, type SyncEngineDeps } from "@/lib/sync/run-sync";
import { startSync } from "@/lib/sync/start-sync";
import { decideDrift } from "@/lib/sync/decide-drift";
import { startDemoDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

const DAY = 86_400_000;
const anchor = anchorDay(new Date());
let db: Awaited<ReturnType<typeof startDemoDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: (typeof import("@/lib/db"))["prisma"];
let accountId: string;
const actors: Record<"admin" | "manager" | "support", Actor> = {} as never;
/** `firstResultNo` of every report call, in order (the spy delegates to the real client). */
let pagesAsked: number[] = [];

const admin = sandboxAdmin(() => sandbox);

function engine(extra: Partial<SyncEngineDeps> = {}): SyncEngineDeps {
  return {
    db: prisma,
    pageSize: 3,
    minIntervalMs: 0,
    backoffMs: 20,
    async client(id) {
      const real: SectigoClient = await sectigoClientForAccount(prisma, { resellerAccountId: id, credentialsKey: process.env.CREDENTIALS_KEY! });
      return {
        webHostReport: (input, options) => {
          pagesAsked.push(input?.page?.first ?? 1);
          return real.webHostReport(input, options);
        },
      };
    },
    ...extra,
  };
}

async function syncOnce(extra: Partial<SyncEngineDeps> = {}) {
  pagesAsked = [];
  const { runId } = await startSync(actors.manager, { resellerAccountId: accountId }, { db: prisma, enqueue: async () => {} });
  const progress = await processSyncRun(runId, engine(extra));
  const drift = await prisma.driftItem.findMany({ where: { runId }, orderBy: [{ kind: "asc" }, { orderNumber: "asc" }] });
  return { runId, progress, drift };
}

beforeAll(async () => {
  db = await startDemoDatabase(anchor);
  ({ prisma } = await import("@/lib/db"));
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchor });
  const account = await prisma.resellerAccount.findFirstOrThrow({ where: { loginName: DEMO_RESELLER.loginName } });
  accountId = account.id;
  await prisma.resellerAccount.update({ where: { id: accountId }, data: { apiBaseUrl: `${sandbox.url}/products/` } });
  for (const [key, role] of [["admin", "ADMIN"], ["manager", "ACCOUNT_MANAGER"], ["support", "SUPPORT"]] as const) {
    const u = await prisma.user.findFirstOrThrow({ where: { role } });
    actors[key] = { id: u.id, email: u.email, name: u.name, role: u.role };
  }
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
  await db?.stop();
});


describe("an ignored difference", () => {
  // Failed before markHeldIgnores: the DriftIgnore row outlived a sync where both sides agreed, so the same
  // pair coming back later (Sectigo's value changed twice) was silently held.
  it("comes back when Sectigo's value changed away and back again", async () => {
    const sync = async () => (await syncOnce({ pageSize: 100 })).drift;
    await sync();
    const x = await prisma.license.findFirstOrThrow({
      where: { customer: { resellerAccountId: accountId }, status: "ACTIVE", currentOrderNumber: { not: null }, expiresAt: { gt: new Date(Date.now() + 40 * DAY) } },
      orderBy: { id: "desc" },
    });
    const ofX = <T extends { licenceId: string | null; kind: string }>(drift: T[]) => drift.filter((d) => d.licenceId === x.id && d.kind === "EXPIRY");
    const theirs1 = new Date(x.expiresAt!.getTime() + 40 * DAY);
    await admin("PATCH", `licenses/${x.currentOrderNumber}`, { expiresAt: theirs1.toISOString(), productCode: x.productCode });
    const first = ofX(await sync());
    expect(first).toHaveLength(1);
    await decideDrift(actors.manager, { decision: "IGNORE", ids: [first[0]!.id] }, { db: prisma });
    // Sectigo's value changes to agree with ours: nothing to report.
    await admin("PATCH", `licenses/${x.currentOrderNumber}`, { expiresAt: x.expiresAt!.toISOString(), productCode: x.productCode });
    expect(ofX(await sync())).toEqual([]);
    expect(await prisma.driftIgnore.count({ where: { subject: x.id } })).toBe(0);
    // ... and changes again, to the old value: Sectigo's value changed, so the difference is reported.
    await admin("PATCH", `licenses/${x.currentOrderNumber}`, { expiresAt: theirs1.toISOString(), productCode: x.productCode });
    expect(ofX(await sync())).toHaveLength(1);
  });
});
