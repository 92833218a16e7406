/**
 * Issue 16 #7: one license-changing order at a time, for every kind, held by the database.
 *
 * Twenty requests of one kind at once on one license (different submission keys: twenty tabs or
 * people, spread over four app instances, each with its own connection pool), against the real
 * sandbox over HTTP. The sandbox counts the calls it receives (a zero-latency fault rule scoped to
 * the login and the endpoint counts its hits, GET /__sandbox/faults); the app's own records
 * (ApiCall rows) and Sectigo's state must agree. Exactly one call per kind; every other request is
 * answered with a domain error (data, or an AppError other than INTERNAL), never an unexpected one.
 *
 * Before the fix, a request that had read the license as cancellable before the first cancellation
 * settled claimed its own order after the first one had left the "open" state: the partial unique
 * index no longer conflicted, and a second cancellation reached Sectigo ("already cancelled").
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { startSandbox } from "@/tools/sandbox/server";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { orderDeps } from "@/lib/orders/order-deps";
import { submitOrder } from "@/lib/orders/submit-order";
import { changePlan, type ChangePlanDeps } from "@/lib/licenses/actions/change-plan";
import { cancelLicense } from "@/lib/licenses/actions/cancel";
import { confirmedAddOn } from "./add-on-confirmed";
import { renewLicense } from "@/lib/licenses/actions/renew";
import { placeOrderFromForm } from "@/lib/orders/place-order-from-form";
import { startTestDatabase } from "./test-database";
import { sandboxAdmin } from "./sandbox-admin";

const DAY = 86_400_000;
const PARALLEL = 20;
const INSTANCES = 4;
const ACCOUNT = "acct-once";
const LOGIN = DEMO_RESELLER.loginName;
const T0 = new Date("2031-05-01T09:00:00.000Z");
const key = generateKey();

let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let clients: Array<ReturnType<typeof createPrismaClient>> = [];
let instances: ChangePlanDeps[] = [];
let manager: Actor;
let staff: Actor;
let now = T0;

const admin = sandboxAdmin(() => sandbox);
const prisma = () => clients[0]!;

/** Both clocks (ours and Sectigo's) at the same instant. */
async function setClocks(at: Date): Promise<void> {
  now = at;
  await admin("POST", "clock", { now: at.toISOString(), freeze: true });
}

let n = 0;
/** A SiteLock Basic license (365 days) bought through the pipeline at T0 on both sides. */
async function boughtLicense() {
  n++;
  await setClocks(T0);
  const domain = `once-${n}-${Date.now()}.example`;
  const email = `owner-${n}-${Date.now()}@once.example`;
  const result = await submitOrder(
    staff,
    {
      submissionKey: randomUUID(),
      resellerAccountId: ACCOUNT,
      customer: { new: { name: `Once Customer ${n}`, email } },
      kind: "NEW",
      currency: "USD",
      items: [{ productCode: 1060, productName: "SiteLock Basic", days: 365, domainName: domain, isAddOn: false, buyPrice: 99.99, sellPrice: 149 }],
      sectigo: { operation: "autoApplyOrder", input: { kind: "newCustomer", productCode: 1060, days: 365, domainName: domain, contactEmail: email, autoRenew: false } },
    },
    instances[0]!,
  );
  expect(result.outcome).toBe("PLACED");
  const license = await prisma().license.findFirstOrThrow({ where: { orderId: result.order.id } });
  return { license, domain, email };
}

/**
 * The schedule that broke it, made certain (test database only): an order on a license is inserted
 * only once no other order on that license is still SUBMITTING (its call under way). Requests that
 * passed their checks while the first was being prepared thus claim just after the first one
 * settled, the moment the old index had stopped holding. Requests inserting at the same instant as
 * the first still race on the indexes. A wait on a condition (bounded to 10 s), not a timed pause.
 */
const HOLD_CLAIMS_UNTIL_THE_FIRST_SETTLED = [
  `CREATE FUNCTION test_hold_claim() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE tries int := 0;
   BEGIN
     WHILE NEW."targetLicenseId" IS NOT NULL AND tries < 1000 AND EXISTS (
       SELECT 1 FROM "Order" o WHERE o."targetLicenseId" = NEW."targetLicenseId" AND o.status = 'SUBMITTING' AND o.id <> NEW.id
     ) LOOP
       PERFORM pg_sleep(0.01);
       tries := tries + 1;
     END LOOP;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER test_hold_claim BEFORE INSERT ON "Order" FOR EACH ROW EXECUTE FUNCTION test_hold_claim()`,
];

/** Counts the calls the sandbox receives from our login (on one endpoint, or on any) while `burst` runs. */
async function sandboxCalls(endpoint: string | undefined, burst: () => Promise<void>): Promise<number> {
  const { id } = await admin<{ id: string }>("POST", "faults", { mode: "latency", latencyMs: 0, loginName: LOGIN, ...(endpoint ? { endpoint } : {}) });
  try {
    await burst();
    const { faults } = await admin<{ faults: Array<{ id: string; hits: number }> }>("GET", "faults");
    return faults.find((f) => f.id === id)!.hits;
  } finally {
    await admin("DELETE", `faults/${id}`);
  }
}

type Answer = { ok: boolean; code?: string; message?: string; orderId?: string; duplicate?: boolean; outcome?: string; status?: string };

/** What one request was answered, in one word (for the counts printed and the assertions). */
function label(settled: PromiseSettledResult<Answer>): string {
  if (settled.status === "rejected") {
    const e = settled.reason as unknown;
    return e instanceof AppError ? `AppError:${e.code}` : `UNEXPECTED:${e instanceof Error ? e.message : String(e)}`;
  }
  const r = settled.value;
  if (!r.ok) return r.code ?? "refused";
  if (r.duplicate || r.outcome === "ALREADY_SUBMITTED") return "duplicate";
  return `ok:${r.outcome ?? r.status}`;
}

function tally(labels: string[]): Record<string, number> {
  return labels.reduce<Record<string, number>>((acc, l) => ({ ...acc, [l]: (acc[l] ?? 0) + 1 }), {});
}

/**
 * Fires PARALLEL requests at once (round-robin over the app instances) and counts the calls the
 * sandbox received meanwhile, the calls the app recorded for the license and its orders.
 */
async function fire(kind: string, licenseId: string, endpoint: string | undefined, request: (deps: ChangePlanDeps, i: number) => Promise<Answer>) {
  let settled: PromiseSettledResult<Answer>[] = [];
  const calls = await sandboxCalls(endpoint, async () => {
    settled = await Promise.allSettled(Array.from({ length: PARALLEL }, (_, i) => request(instances[i % INSTANCES]!, i)));
  });
  const labels = settled.map(label);
  const orders = await prisma().order.findMany({ where: { targetLicenseId: licenseId }, select: { id: true, status: true, kind: true, licenseVersion: true }, orderBy: { createdAt: "asc" } });
  const recorded = await prisma().apiCall.count({ where: { orderId: { in: orders.map((o) => o.id) } } });
  console.log(
    `[issue 16 #7] ${kind}: ${PARALLEL} parallel requests -> ${calls} call(s) received by the sandbox on ${endpoint ?? "any endpoint"}, ${recorded} recorded by the app, ` +
      `orders on the license ${JSON.stringify(orders.map((o) => `${o.kind} v${o.licenseVersion} ${o.status}`))}; answers ${JSON.stringify(tally(labels))}`,
  );
  expect(labels.filter((l) => l.startsWith("UNEXPECTED") || l === "AppError:INTERNAL"), "no unexpected error (a 500)").toEqual([]);
  for (const s of settled) {
    const message = s.status === "rejected" ? (s.reason as Error).message : s.value.ok ? null : s.value.message;
    if (message !== null) expect(message?.length ?? 0, `${kind}: a refusal says why: ${message}`).toBeGreaterThan(30);
  }
  return { calls, recorded, orders, settled };
}

/** One kind, twenty times: one call, one winner; every other answer a refusal (or, for a renewal, the same renewal answered again). */
async function race(kind: string, licenseId: string, endpoint: string, request: (deps: ChangePlanDeps, i: number) => Promise<Answer>) {
  const { calls, recorded, orders, settled } = await fire(kind, licenseId, endpoint, request);
  expect(calls, `${kind}: calls the sandbox received`).toBe(1);
  expect(recorded, `${kind}: calls the app recorded for the license`).toBe(1);
  expect(orders.map((o) => o.status), `${kind}: orders on the license`).toEqual(["PLACED"]);
  const winners = settled.filter((s) => s.status === "fulfilled" && s.value.ok && !s.value.duplicate && s.value.outcome !== "ALREADY_SUBMITTED");
  expect(winners, `${kind}: one request placed the order`).toHaveLength(1);
  const winner = (winners[0] as PromiseFulfilledResult<Answer>).value;
  for (const s of settled) {
    // A renewal's key is the license's period: the same renewal asked again is answered with it.
    if (s.status === "fulfilled" && s.value.ok && s.value !== winner) expect(s.value, `${kind}: a duplicate answers with the one order`).toMatchObject({ duplicate: true, orderId: winner.orderId });
  }
}

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  clients = Array.from({ length: INSTANCES }, () => createPrismaClient(db.url));
  for (const statement of HOLD_CLAIMS_UNTIL_THE_FIRST_SETTLED) await prisma().$executeRawUnsafe(statement);
  sandbox = await startSandbox({ port: 0, now: T0 });
  await seedResellerAccount(prisma(), { id: ACCOUNT, label: "Once", loginName: LOGIN, password: DEMO_RESELLER.password, apiBaseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: key });
  const m = await seedUser(prisma(), { id: "u-once-manager", email: "manager@once.test", name: "Max Manager", role: "ACCOUNT_MANAGER", password: "a-long-password-1" });
  const s = await seedUser(prisma(), { id: "u-once-staff", email: "staff@once.test", name: "Pat Staff", role: "STAFF", password: "a-long-password-2" });
  manager = { id: m.id, email: m.email, name: m.name, role: m.role };
  staff = { id: s.id, email: s.email, name: s.name, role: s.role };
  await admin("POST", "accounts", { loginName: LOGIN, loginPassword: DEMO_RESELLER.password, funds: 1_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
  const prices: Array<[string, string, number, number]> = [
    ["sitelock-basic", "365", 99.99, 149], ["sitelock-pro", "365", 299.99, 399], ["sitelock-trueshield", "365", 99.99, 149],
  ];
  await prisma().planPrice.createMany({ data: prices.map(([productKey, term, buyPrice, sellPrice]) => ({ productKey, term, buyPrice, sellPrice, currency: "USD" })) });
  // Four app instances: each its own client and pool, on the same database and clock.
  instances = clients.map((client) => ({
    ...orderDeps(client, { credentialsKey: key, timeoutMs: 5_000 }),
    now: () => now,
    price: async (_actor, productKey, term) => {
      const row = await client.planPrice.findUnique({ where: { productKey_term: { productKey, term } } });
      return row ? { buyPrice: row.buyPrice.toFixed(2), sellPrice: row.sellPrice.toFixed(2), currency: row.currency, margin: "0", marginPercent: null } : null;
    },
  }));
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect()));
  await sandbox?.close();
  await db?.stop();
});

describe(`issue 16 #7: ${PARALLEL} parallel requests of one kind on one license reach Sectigo once`, () => {
  it("cancellation (CANCELLICENCE, after the refund window)", async () => {
    const { license, domain } = await boughtLicense();
    await setClocks(new Date(T0.getTime() + 20 * DAY));
    await race("cancellation", license.id, "!modifyThirdPartyDetails", (deps) => cancelLicense(manager, { licenseId: license.id, submissionKey: randomUUID() }, deps));
    expect((await prisma().license.findUniqueOrThrow({ where: { id: license.id } })).status).toBe("CANCELLED");
    const upstream = (await admin<{ licenses: Array<{ status: string }> }>("GET", `licenses?loginName=${LOGIN}&domainName=${domain}`)).licenses;
    expect(upstream.map((l) => l.status)).toEqual(["cancelled"]);
  });

  it("refund (AutoRefund, inside the 14-day window)", async () => {
    const { license, domain } = await boughtLicense();
    await setClocks(new Date(T0.getTime() + 2 * DAY));
    await race("refund", license.id, "!AutoRefund", (deps) => cancelLicense(manager, { licenseId: license.id, submissionKey: randomUUID() }, deps));
    expect((await prisma().license.findUniqueOrThrow({ where: { id: license.id } })).status).toBe("REFUNDED");
    const upstream = (await admin<{ licenses: Array<{ status: string }> }>("GET", `licenses?loginName=${LOGIN}&domainName=${domain}`)).licenses;
    expect(upstream.map((l) => l.status)).toEqual(["refunded"]);
  });

  it("add-on (the same add-on from twenty forms)", async () => {
    const { license, domain } = await boughtLicense();
    await setClocks(new Date(T0.getTime() + DAY));
    await race("add-on", license.id, "!AutoApplyOrder", (deps) => confirmedAddOn(manager, { licenseId: license.id, productCode: 1071, submissionKey: randomUUID() }, deps));
    const after = await prisma().license.findUniqueOrThrow({ where: { id: license.id }, include: { addOns: true } });
    expect(after.addOns.map((a) => a.productCode)).toEqual([1071]);
    const upstream = (await admin<{ licenses: Array<{ productCode: number; parentId: string | null }> }>("GET", `licenses?loginName=${LOGIN}&domainName=${domain}`)).licenses;
    expect(upstream.filter((l) => l.parentId !== null).map((l) => l.productCode)).toEqual([1071]);
  });

  it("plan change (Basic -> Pro)", async () => {
    const { license, domain } = await boughtLicense();
    await setClocks(new Date(T0.getTime() + 30 * DAY));
    await race("plan change", license.id, "!AutoApplyOrder", (deps) => changePlan(manager, { licenseId: license.id, productCode: 1061, submissionKey: randomUUID() }, deps));
    expect((await prisma().license.findUniqueOrThrow({ where: { id: license.id } })).productCode).toBe(1061);
    const upstream = (await admin<{ orders: unknown[] }>("GET", `orders?loginName=${LOGIN}&domainName=${domain}`)).orders;
    expect(upstream).toHaveLength(2);
  });

  it("renewal (inside the window, as the license page sends it)", async () => {
    const { license, domain } = await boughtLicense();
    await setClocks(new Date(T0.getTime() + 345 * DAY));
    const expiresAt = license.expiresAt!.toISOString();
    // Half as the page sends it (with the expiry seen), half as a script would (without).
    await race("renewal", license.id, "!AutoApplyOrder", (deps, i) => renewLicense(manager, i % 2 === 0 ? { licenseId: license.id, expiresAt } : { licenseId: license.id }, deps));
    expect((await prisma().license.findUniqueOrThrow({ where: { id: license.id } })).expiresAt).toEqual(new Date(license.expiresAt!.getTime() + 365 * DAY));
    const upstream = (await admin<{ orders: unknown[] }>("GET", `orders?loginName=${LOGIN}&domainName=${domain}`)).orders;
    expect(upstream).toHaveLength(2);
  });

  it("every kind at once (cancellation, plan change, add-on from the license page and from the order form, renewal): one change at a time, each on the license as the previous one left it", async () => {
    const { license, domain, email } = await boughtLicense();
    await setClocks(new Date(T0.getTime() + 345 * DAY));
    const expiresAt = license.expiresAt!.toISOString();
    const fromForm = (deps: ChangePlanDeps): Promise<Answer> =>
      placeOrderFromForm(
        staff,
        { submissionKey: randomUUID(), resellerAccountId: ACCOUNT, productKey: "sitelock-trueshield", customerId: null, licenseId: license.id, resellerPays: true, values: { term: "365", domainName: domain, appRepEmailAddress: email } },
        deps,
      ).then((r) => (r.outcome === "FAILED" ? { ok: false, code: "FAILED", message: r.message } : { ok: true, outcome: r.outcome, orderId: r.order!.id }));
    const requests: Array<(deps: ChangePlanDeps) => Promise<Answer>> = [
      (deps) => cancelLicense(manager, { licenseId: license.id, submissionKey: randomUUID() }, deps),
      (deps) => changePlan(manager, { licenseId: license.id, productCode: 1061, submissionKey: randomUUID() }, deps),
      (deps) => confirmedAddOn(manager, { licenseId: license.id, productCode: 1071, submissionKey: randomUUID() }, deps),
      fromForm,
      (deps) => renewLicense(manager, { licenseId: license.id, expiresAt }, deps),
    ];
    const { calls, recorded, orders, settled } = await fire("every kind at once", license.id, undefined, (deps, i) => requests[i % requests.length]!(deps));
    // A request that read the license after one change was placed may make the next one (an add-on
    // after the renewal): one at a time, each on the license as the previous one left it. So every
    // call was accepted, and the orders' versions are 0, 1, 2, ...: never two on the same license state.
    expect(orders.length).toBeGreaterThanOrEqual(1);
    expect(calls).toBe(orders.length);
    expect(recorded).toBe(orders.length);
    expect(orders.map((o) => o.status)).toEqual(orders.map(() => "PLACED"));
    expect(orders.map((o) => o.licenseVersion)).toEqual(orders.map((_, i) => i));
    expect((await prisma().license.findUniqueOrThrow({ where: { id: license.id } })).changeVersion).toBe(orders.length);
    const placed = settled.filter((s) => s.status === "fulfilled" && s.value.ok && !s.value.duplicate && s.value.outcome !== "ALREADY_SUBMITTED");
    expect(placed).toHaveLength(orders.length);
  });
});
