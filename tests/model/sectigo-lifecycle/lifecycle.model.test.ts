/**
 * Model-based test of the license lifecycle (issue 18 item 2): random command sequences go through
 * the app's use cases against the sandbox over HTTP, with a real database, and after every step the
 * model (model.ts, written from Sectigo's documents), the app's records and the sandbox's state must
 * agree on status, expiry, plan, auto-renew, add-ons and funds; no step may throw an unexpected
 * error or leave an order UNKNOWN. A command whose outcome the documents do not give is not run.
 *
 * Budget: MODEL_RUNS sequences (default 25) of up to MODEL_STEPS commands (default 25), seed
 * MODEL_SEED (default 18). A longer run: MODEL_RUNS=200 npx vitest run --project integration tests/model.
 *
 * Each run has its own reseller account (at the sandbox and in the app), so funds and licenses of
 * earlier runs never mix in. The app's clock (`deps.now`) and the sandbox's move together.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { startSandbox } from "@/tools/sandbox/server";
import type { Actor } from "@/lib/auth/session";
import { orderDeps } from "@/lib/orders/order-deps";
import { submitOrder } from "@/lib/orders/submit-order";
import { renewLicense } from "@/lib/licenses/actions/renew";
import { setAutoRenew } from "@/lib/licenses/actions/set-auto-renew";
import { orderAddOn } from "@/lib/licenses/actions/order-add-on";
import { changePlan, type ChangePlanDeps } from "@/lib/licenses/actions/change-plan";
import { cancelLicense, previewCancellation } from "@/lib/licenses/actions/cancel";
import { licenseStatus } from "@/lib/licenses/rules/status";
import { startSync } from "@/lib/sync/start-sync";
import { processSyncRun } from "@/lib/sync/run-sync";
import { sectigoClientForAccount } from "@/lib/sectigo/account-client";
import { AppError } from "@/lib/errors";
import { startTestDatabase } from "../../integration/test-database";
import { sandboxAdmin } from "../../integration/sandbox-admin";
import {
  DAY, ORDER_DESK, inRefundPeriod, initialState, priceKey, step,
  type AddOnCode, type Command, type Config, type License as ModelLicense, type Outcome, type PlanCode, type State,
} from "./model";

const RUNS = Number(process.env.MODEL_RUNS ?? 25);
const STEPS = Number(process.env.MODEL_STEPS ?? 25);
const SEED = Number(process.env.MODEL_SEED ?? 18);
const PASSWORD = "model-sandbox-pass";
const START_FUNDS = 2_000_00; // cents

// The reseller's buy prices: what this test believes Sectigo charges this account (cents). The
// model computes with them; the app records them (PlanPrice); the sandbox charges from its own table,
// so a difference shows as a funds disagreement.
const PRICES: Record<string, number> = {
  [priceKey(1059, 365)]: 0,
  [priceKey(1060, 30)]: 999, [priceKey(1060, 365)]: 9999,
  [priceKey(1061, 30)]: 2999, [priceKey(1061, 365)]: 29999,
  [priceKey(1062, 30)]: 5999, [priceKey(1062, 365)]: 59999,
  [priceKey(1068, 30)]: 499, [priceKey(1068, 365)]: 4999,
  [priceKey(1069, 30)]: 799, [priceKey(1069, 365)]: 7999,
  [priceKey(1070, 30)]: 1299, [priceKey(1070, 365)]: 12999,
  [priceKey(1071, 30)]: 999, [priceKey(1071, 365)]: 9999,
  [priceKey(1078, 30)]: 399, [priceKey(1078, 365)]: 3999,
  [priceKey(1076, 30)]: 699, [priceKey(1076, 365)]: 6999,
};
const PRODUCT_KEYS: Record<number, string> = {
  1059: "sitelock-monitor", 1060: "sitelock-basic", 1061: "sitelock-pro", 1062: "sitelock-business",
  1068: "sitelock-backup-5gb", 1069: "sitelock-backup-10gb", 1070: "sitelock-backup-25gb",
  1071: "sitelock-trueshield", 1078: "sitelock-dns-pro", 1076: "sitelock-dns-business",
};
// A term with no price (Monitor for 30 days) is refused by the model before any price matters.
const price = (code: number, days: number) => PRICES[priceKey(code as PlanCode, days)] ?? 0;

let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: ReturnType<typeof createPrismaClient>;
let deps: ChangePlanDeps;
let staff: Actor;
let manager: Actor;
const key = generateKey();
// Every run starts at the same instant (a run's moves add up to years; the sandbox's clock stops at 2099).
const START = new Date(Date.UTC(2031, 0, 5, 9));
let clock = START;
const admin = sandboxAdmin(() => sandbox);

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  prisma = createPrismaClient(db.url);
  sandbox = await startSandbox({ port: 0, now: clock, demo: false });
  const users = await Promise.all([
    seedUser(prisma, { id: "u-model-manager", email: "manager@model.test", name: "Max Model", role: "ACCOUNT_MANAGER", password: "a-long-password-1" }),
    seedUser(prisma, { id: "u-model-staff", email: "staff@model.test", name: "Pat Model", role: "STAFF", password: "a-long-password-2" }),
  ]);
  [manager, staff] = users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role })) as [Actor, Actor];
  const terms = Object.keys(PRICES).map((k) => k.split("/").map(Number) as [number, number]);
  await prisma.planPrice.createMany({
    data: terms.map(([code, days]) => ({
      productKey: PRODUCT_KEYS[code]!, term: String(days), buyPrice: price(code, days) / 100, sellPrice: price(code, days) / 100, currency: "USD",
    })),
  });
  deps = {
    ...orderDeps(prisma, { credentialsKey: key, timeoutMs: 5_000 }),
    now: () => clock,
    price: async (_actor, productKey, term) => {
      const row = await prisma.planPrice.findUnique({ where: { productKey_term: { productKey, term } } });
      return row ? { buyPrice: row.buyPrice.toFixed(2), sellPrice: row.sellPrice.toFixed(2), currency: row.currency, margin: "0", marginPercent: null } : null;
    },
  };
}, 120_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

// ---- the system under test, one run ----

interface Real {
  run: number;
  accountId: string;
  loginName: string;
  /** model license id -> app License id */
  licenses: Map<number, string>;
  domains: Map<number, string>;
  log: string[];
}
interface ModelBox {
  state: State;
  /** true in the kept counterexamples: generate-time skips of known disagreements do not apply. */
  strict: boolean;
}

async function newRun(run: number, funds = START_FUNDS): Promise<Real> {
  const loginName = `model-${SEED}-${run}`;
  clock = START;
  await admin("POST", "clock", { now: clock.toISOString(), freeze: true });
  await admin("POST", "accounts", { loginName, loginPassword: PASSWORD, funds: funds / 100, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false });
  const accountId = `acct-${loginName}`;
  await seedResellerAccount(prisma, { id: accountId, label: loginName, loginName, password: PASSWORD, apiBaseUrl: `${sandbox.url}/products/`, mode: "SANDBOX", credentialsKey: key });
  return { run, accountId, loginName, licenses: new Map(), domains: new Map(), log: [] };
}

/** The model's step; throws if the model was asked something undocumented (check() prevents it). */
function modelStep(m: ModelBox, cmd: Command): Outcome {
  const r = step(m.state, cmd, cmd.kind === "advanceClock" ? clock.getTime() : m.state.now);
  m.state = r.state;
  const k = `${cmd.kind} ${r.outcome.kind}${r.outcome.kind === "refused" ? ` ${r.outcome.category}` : ""}`;
  stepsRun.set(k, (stepsRun.get(k) ?? 0) + 1);
  if (r.outcome.kind === "accepted") r.outcome.events.forEach((e) => stepsRun.set(e.kind, (stepsRun.get(e.kind) ?? 0) + 1));
  return r.outcome;
}
const wouldBe = (m: ModelBox, cmd: Command, now = m.state.now) => step(m.state, cmd, now).outcome;

/** The n-th license of the run (creation order), if any. */
function nth(m: ModelBox, n: number): ModelLicense | undefined {
  const all = Object.values(m.state.licenses).sort((a, b) => a.id - b.id);
  return all.length === 0 ? undefined : all[n % all.length];
}

const accepted = (o: Outcome) => o.kind === "accepted";
/** What the runs exercised (printed at the end): a run that executed nothing proves nothing. */
const stepsRun = new Map<string, number>();

/** A use case's answer as accepted (true) or refused (false); an AppError is a refusal with a sentence, anything else a failure. */
async function answer(call: () => Promise<{ ok: boolean }>): Promise<boolean> {
  try {
    const result = await call();
    lastAnswer = JSON.stringify(result);
    return result.ok;
  } catch (e) {
    lastAnswer = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    if (e instanceof AppError) return false;
    throw e;
  }
}
/** The use case's last answer, for failure messages. */
let lastAnswer = "";

// ---- commands ----

class OrderCmd implements fc.AsyncCommand<ModelBox, Real> {
  constructor(readonly product: PlanCode, readonly days: 30 | 365, readonly autoRenew: boolean) {}
  private cmd(m: ModelBox): Extract<Command, { kind: "order" }> {
    const domain = `d${Object.keys(m.state.licenses).length + 1}.run.example`;
    return { kind: "order", domain, product: this.product, days: this.days, autoRenew: this.autoRenew, price: price(this.product, this.days) };
  }
  check = (m: Readonly<ModelBox>) => wouldBe(m as ModelBox, this.cmd(m as ModelBox)).kind !== "undocumented";
  async run(m: ModelBox, r: Real) {
    const cmd = this.cmd(m);
    const domain = `${cmd.domain.split(".")[0]}-${r.loginName}.model.example`;
    const box: { result?: Awaited<ReturnType<typeof submitOrder>> } = {};
    const placed = await answer(async () => {
      const result = await submitOrder(staff, {
      submissionKey: randomUUID(), resellerAccountId: r.accountId, customer: { new: { name: `Model ${domain}`, email: `owner@${domain}` } },
      kind: "NEW", currency: "USD",
      items: [{ productCode: this.product, productName: PRODUCT_KEYS[this.product]!, days: this.days, domainName: domain, isAddOn: false, buyPrice: null, sellPrice: null }],
      sectigo: { operation: "autoApplyOrder", input: { kind: "newCustomer", productCode: this.product, addOnCodes: [], days: this.days, domainName: domain, contactEmail: `owner@${domain}`, autoRenew: this.autoRenew } },
      }, deps);
      box.result = result;
      return { ok: result.outcome === "PLACED" };
    });
    const o = modelStep(m, cmd);
    expect(placed, `order ${domain}: app ${placed ? "placed" : "refused"} (${box.result?.outcome}), model ${JSON.stringify(o)}`).toBe(accepted(o));
    if (o.kind === "accepted") {
      await expectRecordedCost(r, o.debited, `${this}`);
      const license = await prisma.license.findFirstOrThrow({ where: { orderId: box.result!.order.id }, select: { id: true } });
      r.licenses.set(o.orderNumber!, license.id);
      r.domains.set(o.orderNumber!, domain);
    }
    await compare(m, r);
  }
  toString = () => `order(${this.product}, ${this.days}, autoRenew ${this.autoRenew})`;
}

/** A command on the n-th license of the run. */
abstract class OnLicense implements fc.AsyncCommand<ModelBox, Real> {
  constructor(readonly n: number) {}
  abstract cmd(l: ModelLicense, m: ModelBox): Command;
  /** true: accepted; false: refused; "no-op": the app answered ok without asking Sectigo (nothing to change). */
  abstract app(l: ModelLicense, licenseId: string, m: ModelBox): Promise<boolean | "no-op">;
  check(m: Readonly<ModelBox>) {
    const l = nth(m as ModelBox, this.n);
    return l !== undefined && wouldBe(m as ModelBox, this.cmd(l, m as ModelBox)).kind !== "undocumented";
  }
  async run(m: ModelBox, r: Real) {
    const l = nth(m, this.n)!;
    const before = await prisma.order.count({ where: { resellerAccountId: r.accountId } });
    const ok = await this.app(l, r.licenses.get(l.id)!, m);
    const stateBefore = m.state;
    const o = modelStep(m, this.cmd(l, m));
    if (ok === "no-op") expect(m.state.licenses, `${this}: the app changed nothing, nor may the model`).toEqual(stateBefore.licenses);
    else expect(ok, `${this} on ${r.domains.get(l.id)}: app ${ok ? "accepted" : "refused"} (${lastAnswer}), model ${JSON.stringify(o)}`).toBe(accepted(o));
    const unknown = await prisma.order.count({ where: { resellerAccountId: r.accountId, status: { in: ["UNKNOWN", "SUBMITTING"] } } });
    expect(unknown, "no order left UNKNOWN or SUBMITTING").toBe(0);
    const after = await prisma.order.count({ where: { resellerAccountId: r.accountId } });
    expect(after - before, "at most one app order per step").toBeLessThanOrEqual(1);
    if (o.kind === "accepted" && o.debited > 0) await expectRecordedCost(r, o.debited, `${this}`);
    await compare(m, r);
  }
}

class RenewCmd extends OnLicense {
  cmd(l: ModelLicense): Command {
    // The app carries the license's live add-ons along, to the license's term.
    const addOns = l.addOns.filter((a) => a.status === "active").map((a) => ({ code: a.code, price: price(a.code, l.days) }));
    return { kind: "renew", license: l.id, days: l.days, price: price(l.product, l.days), addOns };
  }
  async app(_l: ModelLicense, licenseId: string) {
    return answer(() => renewLicense(manager, { licenseId }, deps));
  }
  toString = () => `renew(#${this.n})`;
}

class AutoRenewCmd extends OnLicense {
  constructor(n: number, readonly on: boolean) { super(n); }
  cmd(l: ModelLicense): Command {
    return { kind: "setAutoRenew", license: l.id, on: this.on };
  }
  async app(_l: ModelLicense, licenseId: string) {
    // APP DECISION (lib/licenses/actions/set-auto-renew.ts): setting the value the license already
    // has answers ok without a call, whatever the status (also on a cancelled license, where
    // Sectigo would say -20). Nothing changes on either side, so the runner accepts it as a no-op.
    const result = await setAutoRenew(manager, { licenseId, autoRenew: this.on }, deps);
    return result.ok && !result.changed ? "no-op" : result.ok;
  }
  toString = () => `autoRenew(#${this.n}, ${this.on})`;
}

class AddOnCmd extends OnLicense {
  constructor(n: number, readonly code: AddOnCode) { super(n); }
  cmd(l: ModelLicense): Command {
    return { kind: "orderAddOn", license: l.id, addOn: this.code, days: l.days, price: price(this.code, l.days) };
  }
  async app(_l: ModelLicense, licenseId: string) {
    // The add-on asks first (its price and term end, issue 18 item 4); the person says yes to what it asked.
    const submissionKey = randomUUID();
    return answer(async () => {
      const first = await orderAddOn(manager, { licenseId, productCode: this.code, submissionKey }, deps);
      if (first.ok || first.code !== "NEEDS_CONFIRMATION") return first;
      return orderAddOn(manager, { licenseId, productCode: this.code, submissionKey, confirmed: first.confirmations.map((c) => c.key) }, deps);
    });
  }
  toString = () => `addOn(#${this.n}, ${this.code})`;
}

class ChangePlanCmd extends OnLicense {
  constructor(n: number, readonly product: PlanCode) { super(n); }
  // More than one term left (renewed early) is pro-rated on all of it, by the model, the app and the
  // sandbox alike (decided after the kept counterexample below).
  cmd(l: ModelLicense): Command {
    return { kind: "changePlan", license: l.id, product: this.product, oldPrice: price(l.product, l.days), newPrice: price(this.product, l.days) };
  }
  async app(_l: ModelLicense, licenseId: string) {
    return answer(() => changePlan(manager, { licenseId, productCode: this.product, submissionKey: randomUUID() }, deps));
  }
  toString = () => `changePlan(#${this.n}, ${this.product})`;
}

/** The app picks the call (AutoRefund inside the refund window, CANCELLICENCE outside); the model must agree. */
class CancelCmd extends OnLicense {
  cmd(l: ModelLicense, m: ModelBox): Command {
    const refund = l.status === "active" && inRefundPeriod(l.refundPeriodStart!, l.days, m.state.now);
    return { kind: refund ? "refund" : "cancel", license: l.id };
  }
  async app(l: ModelLicense, licenseId: string, m: ModelBox) {
    const preview = await previewCancellation(manager, { licenseId }, deps);
    if (preview.ok) expect(preview.kind, "the app's refund window agrees with the model's").toBe(this.cmd(l, m).kind === "refund" ? "REFUND" : "CANCELLATION");
    return answer(() => cancelLicense(manager, { licenseId, submissionKey: randomUUID() }, deps));
  }
  toString = () => `cancel(#${this.n})`;
}

class ClockCmd implements fc.AsyncCommand<ModelBox, Real> {
  constructor(readonly days: number) {}
  check = (m: Readonly<ModelBox>) =>
    wouldBe(m as ModelBox, { kind: "advanceClock", renewalPrices: PRICES }, m.state.now + this.days * DAY).kind !== "undocumented";
  async run(m: ModelBox, r: Real) {
    clock = new Date(m.state.now + this.days * DAY);
    await admin("POST", "clock", { now: clock.toISOString(), freeze: true });
    modelStep(m, { kind: "advanceClock", renewalPrices: PRICES });
    await sync(r);
    await compare(m, r);
  }
  toString = () => `clock(+${this.days}d)`;
}

/**
 * After a clock move the app learns what Sectigo did on its own (its auto-renewals at expiry) from its
 * sync, as the worker runs it: one run over the account's WebHostReport on the app's clock. What
 * Sectigo did as expected is followed; anything else would be drift, and there must be none.
 */
async function sync(r: Real) {
  const { runId } = await startSync(manager, { resellerAccountId: r.accountId }, { db: prisma, enqueue: async () => {} });
  await processSyncRun(runId, {
    db: prisma, pageSize: 50, minIntervalMs: 0, backoffMs: 20, now: () => clock,
    client: (id) => sectigoClientForAccount(prisma, { resellerAccountId: id, credentialsKey: key }),
  });
  const drift = await prisma.driftItem.findMany({ where: { resellerAccountId: r.accountId, decidedAt: null } });
  expect(drift, "no drift after the sync: everything Sectigo did was expected").toEqual([]);
}

/** What the app recorded that Sectigo debited for the step's order (`totalCost`) is the model's debit. */
async function expectRecordedCost(r: Real, debited: number, what: string) {
  const order = await prisma.order.findFirstOrThrow({ where: { resellerAccountId: r.accountId }, orderBy: { createdAt: "desc" }, select: { totalCost: true, status: true } });
  expect({ status: order.status, cost: order.totalCost === null ? null : Math.round(Number(order.totalCost) * 100) }, `${what}: the app's recorded cost`).toEqual({ status: "PLACED", cost: debited });
}

// ---- comparison after every step ----

const APP_STATUS: Record<string, string> = {
  active: "ACTIVE|RENEWABLE", expired: "EXPIRED", cancelled: "CANCELLED", rejected: "CANCELLED", refunded: "REFUNDED", pending: "PENDING",
};
const SANDBOX_STATUS: Record<string, string> = {
  active: "active", expired: "expired", cancelled: "cancelled", rejected: "rejected", refunded: "refunded", pending: "awaiting",
};
type SandboxLicense = { productCode: number; status: string; reportedStatus: string; expiresAt: string; autoRenew: boolean; termDays: number; parentId: string | null; id: string };

async function compare(m: ModelBox, r: Real) {
  const now = new Date(m.state.now);
  const { accounts } = await admin<{ accounts: Array<{ loginName: string; funds: number }> }>("GET", "accounts");
  const funds = Math.round(accounts.find((a) => a.loginName === r.loginName)!.funds * 100);
  expect(funds, "funds: sandbox vs model").toBe(m.state.balance);
  for (const l of Object.values(m.state.licenses)) {
    const id = r.licenses.get(l.id)!;
    const where = `${r.domains.get(l.id)} (model #${l.id})`;
    const app = await prisma.license.findUniqueOrThrow({ where: { id }, include: { addOns: true } });
    const { licenses: upstream } = await admin<{ licenses: SandboxLicense[] }>("GET", `licenses?loginName=${r.loginName}&domainName=${r.domains.get(l.id)}`);
    const base = upstream.find((u) => u.parentId === null)!;
    const appView = { status: licenseStatus(app, now), product: app.productCode, expiresAt: app.expiresAt?.getTime() ?? null, autoRenew: app.autoRenew };
    const sbView = { status: base.reportedStatus, product: base.productCode, expiresAt: Date.parse(base.expiresAt), autoRenew: base.autoRenew };
    const modelView = { status: l.status, product: l.product, expiresAt: l.expiresAt, autoRenew: l.autoRenew };
    expect(sbView, `sandbox vs model, ${where}`).toEqual({ ...modelView, status: SANDBOX_STATUS[l.status] });
    const modelAddOns = l.addOns.map((a) => ({ code: a.code, live: a.status === "active" && a.expiresAt > m.state.now, expiresAt: a.expiresAt })).sort(byCode);
    const sbAddOns = upstream.filter((u) => u.parentId !== null).map((u) => ({ code: u.productCode, live: u.reportedStatus === "active", expiresAt: Date.parse(u.expiresAt) })).sort(byCode);
    expect(sbAddOns, `sandbox add-ons vs model, ${where}`).toEqual(modelAddOns);
    expect(appView.status, `app status vs model, ${where}`).toMatch(new RegExp(`^(${APP_STATUS[l.status]})$`));
    expect({ ...appView, status: null }, `app vs model, ${where}`).toEqual({ ...modelView, status: null });
    const appAddOns = app.addOns.map((a) => ({ code: a.productCode, live: a.status === "ACTIVE" && (a.expiresAt?.getTime() ?? Infinity) > m.state.now, expiresAt: a.expiresAt?.getTime() ?? null })).sort(byCode);
    expect(appAddOns, `app add-ons vs model, ${where}`).toEqual(modelAddOns);
  }
}
const byCode = (a: { code: number; expiresAt: number | null }, b: { code: number; expiresAt: number | null }) => a.code - b.code || (a.expiresAt ?? 0) - (b.expiresAt ?? 0);

// ---- the property ----

/**
 * The random runs use Order Desk's config, with one reading left out until it is decided (README,
 * "Where the app reads the documents differently"): a downgrade's negative pro-rated value. The
 * model credits it (the upgrading page's formula as written), the sandbox credits nothing; the kept
 * counterexample below shows it. With "undocumented", such plan changes are not generated.
 */
const RUN_CONFIG = { ...ORDER_DESK, downgrade: "undocumented" as const };
const newModel = (strict: boolean, config: Config = RUN_CONFIG, funds = START_FUNDS): ModelBox => ({
  state: initialState({ now: clock.getTime(), balance: funds, config }), strict,
});

const plan = fc.constantFrom<PlanCode>(1059, 1060, 1061, 1062);
const n = fc.nat(3);
// Auto-renew on for a quarter of the orders: the app refuses manual renewals of the others (APP DECISION).
const autoRenewArb = fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
const orderArb = fc.tuple(plan, fc.constantFrom<30 | 365>(30, 365), autoRenewArb).map(([p, d, a]): fc.AsyncCommand<ModelBox, Real> => new OrderCmd(p, d, a));
const renewArb = n.map((i) => new RenewCmd(i));
const addOnArb = fc.tuple(n, fc.constantFrom<AddOnCode>(1068, 1069, 1070, 1071, 1078, 1076)).map(([i, c]) => new AddOnCmd(i, c));
// Edges of the refund period (14/15 days) and renewal window (30/31 days before expiry), and expiries.
const clockArb = fc.constantFrom(1, 13, 14, 15, 29, 30, 31, 300, 334, 335, 365).map((d) => new ClockCmd(d));
// fc.commands picks its arbitraries evenly: listing one twice doubles its share. Ending commands
// (cancel) are rare so that licenses live long enough to be renewed and given add-ons.
const commands = fc.commands<ModelBox, Real, false>([
  orderArb, orderArb,
  renewArb, renewArb, renewArb,
  fc.tuple(n, fc.boolean()).map(([i, on]) => new AutoRenewCmd(i, on)),
  addOnArb, addOnArb, addOnArb,
  fc.tuple(n, plan).map(([i, p]) => new ChangePlanCmd(i, p)),
  n.map((i) => new CancelCmd(i)),
  clockArb, clockArb, clockArb,
], { maxCommands: STEPS, size: "medium" });

describe("Sectigo lifecycle: app + sandbox against the model", () => {
  it("agree after every step of random command sequences", async () => {
    let run = 0;
    await fc.assert(
      // Small funds too, so that orders are refused (-15) and auto-renewals find no money.
      fc.asyncProperty(fc.constantFrom(50_00, 300_00, START_FUNDS), commands, async (funds, cmds) => {
        run++;
        const real = await newRun(run, funds);
        const model = newModel(false, RUN_CONFIG, funds);
        await fc.asyncModelRun(() => ({ model, real }), cmds);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log([...stepsRun].sort().map(([k, v]) => `${String(v).padStart(4)} ${k}`).join("\n"));
    expect(stepsRun.get("order accepted") ?? 0).toBeGreaterThan(0);
  }, 600_000);
});

describe("Sectigo lifecycle: kept counterexamples", () => {
  // Shrunk from the first run (seed 18), when the app kept the old expiry and showed the license
  // EXPIRED after Sectigo auto-renewed it (issue 18: "An expected renewal is not drift: follow it").
  // Main's sync now follows it (lib/sync/follow-auto-renewals.ts).
  it("the app follows Sectigo's auto-renewal at expiry after its sync [order(1062, 365, auto-renew on), clock(+365d)]", async () => {
    const real = await newRun(1_000);
    const model = newModel(true);
    await fc.asyncModelRun(() => ({ model, real }), [new OrderCmd(1062, 365, true), new ClockCmd(365)]);
    expect(model.state.licenses[1]!.orders).toHaveLength(2);
  }, 120_000);

  // Found by the run (seed 18): a Business license downgraded to Basic the day it was bought. The
  // model credits the unused difference (599.99 - 99.99 = 500.00; Sectigo's upgrading page: "the unused
  // value of the old licence credited"); the sandbox (and the app's preview) credit nothing. To be
  // decided and written in both READMEs (issue 18 item 3); then this test changes to expect agreement.
  it("KNOWN DISAGREEMENT: a downgrade's unused value [order(1062, 365), changePlan(1060)]", async () => {
    const real = await newRun(1_001);
    const model = newModel(true, ORDER_DESK);
    const run = fc.asyncModelRun(() => ({ model, real }), [new OrderCmd(1062, 365, false), new ChangePlanCmd(0, 1060)]);
    await expect(run).rejects.toThrow(/funds: sandbox vs model: expected 140001 to be 190001/);
  }, 120_000);

  // Found by a longer run (MODEL_SEED=5, MODEL_RUNS=80), shrunk: a monthly Basic renewed at once
  // (60 days left on a 30-day term), then upgraded to Business. The model applies the upgrading
  // page's formula as written: (59.99 - 9.99) x 60/30 = 100.00; the app and the sandbox capped the
  // share at one term (50.00). Decided for the page (README, ambiguity 21): all the time left counts.
  it("pro-rating counts all the time left, also more than one term [order(1060, 30), renew, changePlan(1062)]", async () => {
    const real = await newRun(1_003);
    const model = newModel(true);
    const cmds = [new OrderCmd(1060, 30, false), new RenewCmd(0), new ChangePlanCmd(0, 1062)];
    await fc.asyncModelRun(() => ({ model, real }), cmds);
    // The run compares funds and the recorded cost at every step; the change itself was accepted:
    expect(Object.values(model.state.licenses)[0]?.product).toBe(1062);
  }, 120_000);

  // Found by a longer run (MODEL_SEED=7, MODEL_RUNS=40), shrunk: three monthly Business licenses on
  // auto-renew, bought together, and the clock moved 334 days. Funds (2,000.00) pay 30 of the 33
  // renewals due. Sectigo renews each "at expiry", so in date order: every license gets 10 and all
  // three run out together. The sandbox renewed one license through every period before the next
  // (the first got 11, the last 8); fixed on main (59b1c15). Kept as a regression test.
  it("auto-renewals of a clock move happen in date order, so funds run out on the licenses due last", async () => {
    const real = await newRun(1_002);
    const model = newModel(true);
    const cmds = [new OrderCmd(1062, 30, true), new OrderCmd(1062, 30, true), new OrderCmd(1062, 30, true), new ClockCmd(334)];
    await fc.asyncModelRun(() => ({ model, real }), cmds);
    expect(Object.values(model.state.licenses).map((l) => l.orders.length)).toEqual([11, 11, 11]);
  }, 120_000);
});
