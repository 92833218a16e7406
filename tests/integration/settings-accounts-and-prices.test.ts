/**
 * Settings use cases (issue 8) against a real PostgreSQL and the in-process Sectigo sandbox over
 * HTTP: reseller accounts (permission, validation, the write-only password, one default account,
 * test connection) and plan prices (validation, disabled plans not offered, "price not set").
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { createActionClient } from "@/lib/auth/authorized-action";
import { decryptSecret } from "@/lib/crypto/credentials";
import { DEMO_RESELLER, DEMO_RESELLER_NO_SITELOCK, anchorDay } from "@/tools/demo-world/demo-data";
import { orderableByFamily, productByKey, termByValue, termOptionsFor } from "@/lib/catalog";
import { startSandbox } from "@/tools/sandbox/server";
import { VENDOR_ERROR_TABLE } from "@/lib/sectigo/client/errors/codes";
import {
  BRAND_REQUIRED,
  LIVE_NEEDS_HTTPS,
  setResellerAccountEnabledSchema,
  createResellerAccountSchema,
  testConnectionSchema,
  updateResellerAccountSchema,
} from "@/lib/settings/reseller-account-schemas";
import { lossMessage, savePlanPriceSchema, sellsAtALoss } from "@/lib/settings/plan-price-schemas";
import { DEFAULT_CANNOT_BE_DISABLED, ordersInFlightMessage, setResellerAccountEnabled } from "@/lib/settings/set-reseller-account-enabled";
import { ACCOUNT_DISABLED_MESSAGE, isAccountDisabled } from "@/lib/db/errors";
import { LOGIN_TAKEN } from "@/lib/settings/account-conflicts";
import { DISABLED_CANNOT_BE_DEFAULT, KEEP_ONE_DEFAULT, updateResellerAccount } from "@/lib/settings/update-reseller-account";
import { createResellerAccount } from "@/lib/settings/create-reseller-account";
import { listResellerAccounts } from "@/lib/settings/list-reseller-accounts";
import { getResellerAccount } from "@/lib/settings/get-reseller-account";
import { testResellerConnection } from "@/lib/settings/test-reseller-connection";
import { listPlanPrices } from "@/lib/settings/list-plan-prices";
import { PLANS_PER_PAGE, planPriceFilterSchema } from "@/lib/settings/plan-price-schemas";
import { savePlanPrice } from "@/lib/settings/save-plan-price";
import { offeredPlans, priceFor } from "@/lib/settings/offered-plans";
import { DEMO_PLAN_PRICES } from "@/tools/demo/seed-demo";
import { startDemoDatabase } from "./test-database";

const admin: Actor = { id: "demo-user-admin", email: "admin@orderdesk.test", name: "Ada Admin", role: "ADMIN" };
const staff: Actor = { id: "demo-user-staff", email: "staff@orderdesk.test", name: "Sam Staff", role: "STAFF" };
const support: Actor = { id: "demo-user-support", email: "support@orderdesk.test", name: "Sid Support", role: "SUPPORT" };

let db: Awaited<ReturnType<typeof startDemoDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let products: string;
let prisma: (typeof import("@/lib/db"))["prisma"];
const SECRET = "demo-sandbox-pass";

beforeAll(async () => {
  const anchor = anchorDay(new Date());
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchor });
  products = `${sandbox.url}/products/`;
  // The sandbox this "app" was started with, and the other SANDBOX URLs these tests save (the
  // demo account's, another login's, an unreachable one): before the env is first read.
  process.env.SECTIGO_SANDBOX_URL = products;
  process.env.SECTIGO_ALLOWED_SANDBOX_URLS = "http://127.0.0.1:4999/products/ https://other.example/products/ http://127.0.0.1:9/products/";
  db = await startDemoDatabase(anchor);
  prisma = (await import("@/lib/db")).prisma;
});
afterAll(async () => {
  await sandbox?.close();
  await db?.stop();
});

/** The server actions as the pages call them (actions.ts minus revalidatePath). */
function actionsAs(actor: Actor) {
  const authorizedAction = createActionClient({ getActor: async () => actor, logError: () => {} });
  return {
    create: authorizedAction({ name: "test.createResellerAccount", permission: "manageSettings", schema: createResellerAccountSchema }, createResellerAccount),
    update: authorizedAction({ name: "test.updateResellerAccount", permission: "manageSettings", schema: updateResellerAccountSchema }, updateResellerAccount),
    test: authorizedAction({ name: "test.testConnection", permission: "manageSettings", schema: testConnectionSchema }, testResellerConnection),
    savePrice: authorizedAction({ name: "test.savePlanPrice", permission: "manageSettings", schema: savePlanPriceSchema }, savePlanPrice),
  };
}

const account = (over: Partial<Record<string, unknown>> = {}) => ({
  label: "Second reseller",
  loginName: DEMO_RESELLER_NO_SITELOCK.loginName,
  password: SECRET,
  apBrand: "SecondBrand",
  apiBaseUrl: products,
  mode: "SANDBOX" as const,
  autoRenewDefault: false,
  isDefault: false,
  ...over,
});

describe("reseller accounts", () => {
  it.each([
    ["STAFF", staff],
    ["SUPPORT", support],
  ])("%s is refused by every settings use case and action", async (_role, actor) => {
    const useCases: Array<() => Promise<unknown>> = [
      () => listResellerAccounts(actor),
      () => getResellerAccount(actor, { id: "demo-reseller" }),
      () => createResellerAccount(actor, account({ loginName: "intruder" }) as never),
      () => updateResellerAccount(actor, { id: "demo-reseller", ...account() } as never),
      () => testResellerConnection(actor, { loginName: "x", apiBaseUrl: products, mode: "SANDBOX", password: "y" }),
      () => listPlanPrices(actor),
      () => savePlanPrice(actor, { productKey: "sitelock-basic", term: "365", buyPrice: "1", sellPrice: "1", currency: "USD", enabled: false }),
    ];
    for (const run of useCases) await expect(run()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const a = actionsAs(actor);
    const results = [
      await a.create(account({ loginName: "intruder" })),
      await a.test({ loginName: "x", apiBaseUrl: products, mode: "SANDBOX", password: "y" }),
      await a.savePrice({ productKey: "sitelock-basic", term: "365", buyPrice: "1", sellPrice: "1", currency: "USD", enabled: false }),
    ];
    for (const r of results) expect(r).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await prisma.resellerAccount.count({ where: { loginName: "intruder" } })).toBe(0);
    expect(await prisma.planPrice.findUnique({ where: { productKey_term: { productKey: "sitelock-basic", term: "365" } } })).toMatchObject({ enabled: true });
  });

  it.each([
    ["LIVE over plain http", account({ mode: "LIVE", apiBaseUrl: "http://sectigo.example/products/" }), "apiBaseUrl", LIVE_NEEDS_HTTPS],
    ["no password on a new account", account({ password: "" }), "password", "Enter the Sectigo password."],
    ["not a URL", account({ apiBaseUrl: "secure.trust-provider.com" }), "apiBaseUrl", "Enter a URL such as"],
    ["credentials inside the URL", account({ apiBaseUrl: "https://user:pw@sectigo.example/products/" }), "apiBaseUrl", "no user name or password"],
    ["no label", account({ label: "  " }), "label", "Enter a label."],
    ["a brand with spaces", account({ apBrand: "my brand" }), "apBrand", "Use letters, digits"],
    ["an unknown mode", account({ mode: "PRODUCTION" }), "mode", "Choose SANDBOX or LIVE."],
  ])("refuses %s with a message on that field", async (_case, input, field, message) => {
    const result = await actionsAs(admin).create(input as never);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe("INVALID_INPUT");
    expect(!result.ok && result.error.fieldErrors?.[field]?.[0]).toContain(message);
  });

  it("stores the password encrypted and never returns it from a use case, an action or page data", async () => {
    const result = await actionsAs(admin).create(account({ label: "Encrypted one", loginName: "enc-check", password: "Sup3r-Secret-Value" }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = await prisma.resellerAccount.findUniqueOrThrow({ where: { id: result.data.id } });
    expect(row.loginPasswordEnc).not.toContain("Sup3r-Secret-Value");
    expect(decryptSecret(row.loginPasswordEnc, process.env.CREDENTIALS_KEY!)).toBe("Sup3r-Secret-Value");
    const shown = [result, await listResellerAccounts(admin), await getResellerAccount(admin, { id: row.id })];
    for (const data of shown) {
      const json = JSON.stringify(data);
      expect(json).not.toContain("Sup3r-Secret-Value");
      expect(json).not.toContain(row.loginPasswordEnc);
      expect(json).not.toContain("loginPasswordEnc");
    }
  });

  it("keeps the stored password when an edit leaves it empty, replaces it when one is typed", async () => {
    const created = await createResellerAccount(admin, { ...account({ label: "Keep pw", loginName: "keep-pw", password: "first-password" }) } as never);
    const key = process.env.CREDENTIALS_KEY!;
    const stored = async () => decryptSecret((await prisma.resellerAccount.findUniqueOrThrow({ where: { id: created.id } })).loginPasswordEnc, key);
    const base = { id: created.id, ...account({ label: "Keep pw (renamed)", loginName: "keep-pw", password: "" }) };
    const kept = await actionsAs(admin).update(base);
    expect(kept).toMatchObject({ ok: true, data: { passwordChanged: false } });
    expect(await stored()).toBe("first-password");
    expect((await getResellerAccount(admin, { id: created.id }))?.label).toBe("Keep pw (renamed)");
    await actionsAs(admin).update({ ...base, password: "second-password" });
    expect(await stored()).toBe("second-password");
  });

  it("reports a second account with the same login at the same URL on the login field, not as a 500", async () => {
    const a = actionsAs(admin);
    expect((await a.create(account({ label: "Dup 1", loginName: "dup-login" }))).ok).toBe(true);
    const again = await a.create(account({ label: "Dup 2", loginName: "dup-login" }));
    expect(again).toMatchObject({ ok: false, error: { code: "CONFLICT", fieldErrors: { loginName: [LOGIN_TAKEN] } } });
    // The same login at another URL is another account.
    expect((await a.create(account({ label: "Dup 3", loginName: "dup-login", apiBaseUrl: "https://other.example/products/" }))).ok).toBe(true);
    // Editing one into the other's (URL, login) is refused the same way.
    const other = await prisma.resellerAccount.findFirstOrThrow({ where: { label: "Dup 3" } });
    const clash = await a.update({ id: other.id, ...account({ label: "Dup 3", loginName: "dup-login" }) });
    expect(clash).toMatchObject({ ok: false, error: { code: "CONFLICT", fieldErrors: { loginName: [LOGIN_TAKEN] } } });
  });

  it("keeps exactly one default account: setting one unsets the other, unsetting the default is refused", async () => {
    const defaults = async () => (await prisma.resellerAccount.findMany({ where: { isDefault: true }, select: { id: true } })).map((r) => r.id);
    expect(await defaults()).toEqual(["demo-reseller"]);
    const b = await createResellerAccount(admin, account({ label: "New default", loginName: "new-default", isDefault: true }) as never);
    expect(b.isDefault).toBe(true);
    expect(await defaults()).toEqual([b.id]);

    const refused = await actionsAs(admin).update({ id: b.id, ...account({ label: "New default", loginName: "new-default", isDefault: false }) });
    expect(refused).toMatchObject({ ok: false, error: { code: "CONFLICT", fieldErrors: { isDefault: [KEEP_ONE_DEFAULT] } } });
    expect(await defaults()).toEqual([b.id]);

    // Two admins each making a different account the default at the same moment: one default remains.
    const demo = await getResellerAccount(admin, { id: "demo-reseller" });
    const c = await createResellerAccount(admin, account({ label: "Third", loginName: "third" }) as never);
    await Promise.all([
      updateResellerAccount(admin, { ...account({ label: demo!.label, loginName: demo!.loginName, apiBaseUrl: demo!.apiBaseUrl }), id: "demo-reseller", password: "", isDefault: true } as never),
      updateResellerAccount(admin, { ...account({ label: "Third", loginName: "third" }), id: c.id, password: "", isDefault: true } as never),
    ]);
    expect(await defaults()).toHaveLength(1);
  });

  it("tests the typed values without saving: the balance on success", async () => {
    const before = await prisma.resellerAccount.count();
    const result = await actionsAs(admin).test({ loginName: DEMO_RESELLER.loginName, apiBaseUrl: products, mode: "SANDBOX", password: DEMO_RESELLER.password });
    expect(result).toEqual({ ok: true, data: { ok: true, accountId: expect.any(String), currency: DEMO_RESELLER.currency, available: DEMO_RESELLER.funds, creditLimit: DEMO_RESELLER.creditLimit } });
    expect(await prisma.resellerAccount.count()).toBe(before);
  });

  it("shows Sectigo's -16 with our sentence for it for a wrong password, never the password", async () => {
    const result = await actionsAs(admin).test({ loginName: DEMO_RESELLER.loginName, apiBaseUrl: products, mode: "SANDBOX", password: "wrong-Password-123" });
    expect(result).toMatchObject({ ok: true, data: { ok: false, code: -16, message: VENDOR_ERROR_TABLE[-16]!.userMessage } });
    expect(JSON.stringify(result)).not.toContain("wrong-Password-123");
  });

  it("tests a saved account with its stored password (through sectigoClientForAccount) and records the call redacted", async () => {
    const saved = await createResellerAccount(admin, account({ label: "Saved demo", loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password }) as never);
    const result = await testResellerConnection(admin, { id: saved.id, loginName: DEMO_RESELLER.loginName, apiBaseUrl: products, mode: "SANDBOX", password: "" });
    expect(result).toMatchObject({ ok: true, currency: "USD", available: DEMO_RESELLER.funds });
    const calls = await prisma.apiCall.findMany({ where: { resellerAccountId: saved.id } });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ endpoint: "!getAccountBalance", outcome: "SUCCESS", actorId: admin.id });
    expect(JSON.stringify(calls)).not.toContain(DEMO_RESELLER.password);
    // A wrong typed password on the saved account is tested as typed, not replaced by the stored one.
    const wrong = await testResellerConnection(admin, { id: saved.id, loginName: DEMO_RESELLER.loginName, apiBaseUrl: products, mode: "SANDBOX", password: "not-it" });
    expect(wrong).toMatchObject({ ok: false, code: -16 });
  });

  it("reports an unreachable URL as a connection failure without a Sectigo code", async () => {
    const result = await testResellerConnection(admin, { loginName: "x", apiBaseUrl: "http://127.0.0.1:9/products/", mode: "SANDBOX", password: "y" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.code).toBeUndefined();
  });
});

describe("plan prices", () => {
  const allPlans = orderableByFamily().flatMap((g) => g.products.flatMap((p) => termOptionsFor(p).map((t) => `${p.key}|${t.value}`)));

  /** Every page of a filter, in order. */
  async function allPages(filter: Parameters<typeof listPlanPrices>[1] = {}) {
    const pages = [await listPlanPrices(admin, filter)];
    while (pages.length < pages[0]!.pageCount) pages.push(await listPlanPrices(admin, { ...filter, page: pages.length + 1 }));
    return pages;
  }

  it("lists every orderable plan of the catalog once over its pages, in catalog order, grouped by family, and filters by family and search", async () => {
    const pages = await allPages();
    expect(pages.map((p) => p.page)).toEqual(pages.map((_, i) => i + 1));
    for (const p of pages) {
      expect(p.total).toBe(allPlans.length);
      const onPage = p.groups.reduce((n, g) => n + g.plans.length, 0);
      expect(onPage).toBe(Math.min(PLANS_PER_PAGE, allPlans.length - (p.page - 1) * PLANS_PER_PAGE));
    }
    const groups = pages.flatMap((p) => p.groups);
    const listed = groups.flatMap((g) => g.plans.map((p) => `${p.productKey}|${p.term}`));
    expect(listed).toEqual(allPlans);
    // A family cut by a page continues on the next one, marked so on both; no other family is.
    expect(groups.filter((g) => !g.continued).map((g) => g.family.key)).toEqual(orderableByFamily().map((g) => g.family.key));
    for (const [i, p] of pages.entries()) {
      const last = p.groups.at(-1)!;
      const next = pages[i + 1]?.groups[0];
      expect(last.continues, `page ${p.page}`).toBe(!!next && next.continued && next.family.key === last.family.key);
      for (const g of p.groups.slice(0, -1)) expect(g.continues).toBe(false);
    }
    // Past the last page: the last page, from the URL too (1001 once read as no page: page 1).
    const past = await listPlanPrices(admin, { page: pages.length + 5 });
    expect(past.page).toBe(pages.length);
    for (const raw of ["1001", "99999999"]) expect((await listPlanPrices(admin, planPriceFilterSchema.parse({ page: raw }))).page, raw).toBe(pages.length);
    // Every family fits on one page when it is chosen (the size was chosen so).
    for (const f of orderableByFamily()) expect((await listPlanPrices(admin, { family: f.family.key })).pageCount, f.family.key).toBe(1);
    const basic = groups.flatMap((g) => g.plans).find((p) => p.productKey === "sitelock-basic" && p.term === "365");
    expect(basic).toMatchObject({ buyPrice: "99.99", sellPrice: "149.00", currency: "USD", enabled: true });

    const sitelock = await listPlanPrices(admin, { family: "sitelock-addons" });
    expect(sitelock.groups.map((g) => g.family.key)).toEqual(["sitelock-addons"]);
    const search = await listPlanPrices(admin, { q: "wildcard premium" });
    const names = search.groups.flatMap((g) => g.plans.map((p) => p.productName));
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => /premium/i.test(n) && /wildcard/i.test(n))).toBe(true);
  });

  it("seeds demo prices only for real catalog plans, with one disabled plan", () => {
    for (const p of DEMO_PLAN_PRICES) {
      const product = productByKey(p.productKey);
      expect(product && termByValue(product, p.term), `${p.productKey} ${p.term}`).toBeTruthy();
    }
    expect(DEMO_PLAN_PRICES.filter((p) => p.enabled === false)).toHaveLength(1);
  });

  it.each([
    ["a negative sell price", { sellPrice: "-1" }, "sellPrice", "The sell price cannot be negative."],
    ["a negative buy price", { buyPrice: "-0.01" }, "buyPrice", "The buy price cannot be negative."],
    ["three decimals", { buyPrice: "1.234" }, "buyPrice", "Enter the buy price as a number such as 12.50."],
    ["no sell price", { sellPrice: "" }, "sellPrice", "Enter the sell price."],
    ["a 2-letter currency", { currency: "US" }, "currency", "Use a 3-letter currency code such as USD."],
    ["a currency with digits", { currency: "U5D" }, "currency", "Use a 3-letter currency code such as USD."],
  ])("refuses %s next to the field", async (_case, over, field, message) => {
    const result = await actionsAs(admin).savePrice({ productKey: "sitelock-pro", term: "365", buyPrice: "10", sellPrice: "20", currency: "USD", enabled: true, ...over });
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { [field]: [message] } } });
  });

  it("refuses a plan that is not in the catalog", async () => {
    const a = actionsAs(admin);
    expect(await a.savePrice({ productKey: "no-such-product", term: "365", buyPrice: "1", sellPrice: "2", currency: "USD", enabled: true })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await a.savePrice({ productKey: "sitelock-basic", term: "9999", buyPrice: "1", sellPrice: "2", currency: "usd", enabled: true })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("offers a priced plan with its margin, an unpriced plan with no price, and hides a disabled plan", async () => {
    const saved = await actionsAs(admin).savePrice({ productKey: "sectigossl-pro-ov", term: "9426", buyPrice: "60", sellPrice: " 100.5 ", currency: "eur", enabled: true });
    expect(saved).toMatchObject({ ok: true, data: { buyPrice: "60.00", sellPrice: "100.50", currency: "EUR", enabled: true } });
    expect((await prisma.planPrice.findUniqueOrThrow({ where: { productKey_term: { productKey: "sectigossl-pro-ov", term: "9426" } } })).updatedById).toBe(admin.id);

    const offered = await offeredPlans(staff);
    const terms = (key: string) => offered.flatMap((g) => g.products).find((p) => p.key === key)?.terms ?? [];
    expect(terms("sectigossl-pro-ov").find((t) => t.value === "9426")?.price).toEqual({ buyPrice: "60.00", sellPrice: "100.50", currency: "EUR", margin: "40.50", marginPercent: 40.3 });
    expect(terms("sectigossl-pro-ov").find((t) => t.value === "9431")?.price).toBeNull();
    // The demo's disabled plan (SectigoSSL Pro DV, 5 years) is not offered; its other terms are.
    expect(terms("sectigossl-pro-dv").map((t) => t.value)).toEqual(["9401", "9406", "9411", "9416"]);
    expect(await priceFor(staff, "sectigossl-pro-dv", "9421")).toEqual({ offered: false });
    expect(await priceFor(staff, "sectigossl-pro-ov", "9431")).toEqual({ offered: true, price: null });

    // Disabling every term of a product removes the product from the offer.
    for (const t of ["30", "365"]) {
      await savePlanPrice(admin, { productKey: "sitelock-dns-pro", term: t, buyPrice: "1", sellPrice: "2", currency: "USD", enabled: false });
    }
    expect((await offeredPlans(staff)).flatMap((g) => g.products).some((p) => p.key === "sitelock-dns-pro")).toBe(false);
    expect(await priceFor(staff, "sitelock-dns-pro", "365")).toEqual({ offered: false });

    await expect(offeredPlans(support)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("issue 17 #11: accounts and prices at their seams", () => {
  /** The actions with the real audit writer: an entry is written in the change's own transaction. */
  async function auditedActionsAs(actor: Actor) {
    const { writeAuditEntry } = await import("@/lib/audit/write-audit-entry");
    const authorizedAction = createActionClient({ getActor: async () => actor, logError: () => {}, audit: writeAuditEntry });
    return {
      setEnabled: authorizedAction({ name: "settings.accounts.setResellerAccountEnabled", permission: "manageSettings", schema: setResellerAccountEnabledSchema }, setResellerAccountEnabled),
    };
  }

  it("refuses an account without a brand (ap), on the brand field, on add and on edit", async () => {
    const added = await actionsAs(admin).create(account({ label: "No brand", loginName: "no-brand", apBrand: "  " }));
    expect(added).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { apBrand: [BRAND_REQUIRED] } } });
    expect(await prisma.resellerAccount.count({ where: { loginName: "no-brand" } })).toBe(0);
    const demo = await prisma.resellerAccount.findFirstOrThrow({ where: { loginName: DEMO_RESELLER.loginName }, orderBy: { createdAt: "asc" } });
    const edited = await actionsAs(admin).update({ ...account({ loginName: demo.loginName, apiBaseUrl: demo.apiBaseUrl, isDefault: demo.isDefault, password: "" }), id: demo.id, apBrand: "" });
    expect(edited).toMatchObject({ ok: false, error: { fieldErrors: { apBrand: [BRAND_REQUIRED] } } });
    expect((await prisma.resellerAccount.findUniqueOrThrow({ where: { id: demo.id } })).apBrand).toBe(demo.apBrand);
  });

  it("refuses a sell price below the buy price until the loss is accepted, names the loss, and lists the plan as sold at a loss", async () => {
    const plan = { productKey: "sitelock-basic", term: "365", buyPrice: "10.00", sellPrice: "7.50", currency: "USD", enabled: true };
    const before = await prisma.planPrice.findUnique({ where: { productKey_term: { productKey: plan.productKey, term: plan.term } } });
    const refused = await actionsAs(admin).savePrice(plan);
    expect(refused).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { sellPrice: [lossMessage("2.50")] } } });
    // The use case itself (a script, a job) refuses it too.
    await expect(savePlanPrice(admin, plan)).rejects.toMatchObject({ code: "INVALID_INPUT", field: "sellPrice" });
    const unchanged = await prisma.planPrice.findUnique({ where: { productKey_term: { productKey: plan.productKey, term: plan.term } } });
    expect(unchanged?.sellPrice.toFixed(2)).toBe(before?.sellPrice.toFixed(2));
    expect((await listPlanPrices(admin)).losses.map((l) => l.productKey)).not.toContain(plan.productKey);

    expect(await actionsAs(admin).savePrice({ ...plan, acceptLoss: true })).toMatchObject({ ok: true, data: { sellPrice: "7.50" } });
    const { losses } = await listPlanPrices(admin, { family: "sitelock" });
    expect(losses).toContainEqual(expect.objectContaining({ productKey: plan.productKey, loss: "2.50", currency: "USD" }));
    // Equal prices are no loss.
    expect(sellsAtALoss("7.50", "7.50")).toBeNull();
    await savePlanPrice(admin, { ...plan, buyPrice: "5.00", sellPrice: "7.50" });
    expect((await listPlanPrices(admin)).losses.map((l) => l.productKey)).not.toContain(plan.productKey);
  });

  it("disables an account (audited, history kept): offered nowhere, no order or sync for it; the default and an account with orders in flight cannot be disabled; enabling offers it again", async () => {
    const { setEnabled } = await auditedActionsAs(admin);
    const second = await createResellerAccount(admin, account({ label: "To disable", loginName: "to-disable" }) as never);
    const demo = await prisma.resellerAccount.findFirstOrThrow({ where: { isDefault: true } });

    expect(await setEnabled({ id: demo.id, enabled: false })).toMatchObject({ ok: false, error: { code: "CONFLICT", message: DEFAULT_CANNOT_BE_DISABLED } });

    // An order of the account whose outcome is not known yet: reconciliation still needs the account.
    const customer = await prisma.customer.create({ data: { resellerAccountId: second.id, name: "Flight Co", email: "flight@example.test" } });
    const inFlight = await prisma.order.create({ data: { foreignOrderNumber: `OD-FLIGHT-${Date.now()}`, kind: "NEW", status: "UNKNOWN", customerId: customer.id, resellerAccountId: second.id } });
    expect(await setEnabled({ id: second.id, enabled: false })).toMatchObject({ ok: false, error: { code: "CONFLICT", message: ordersInFlightMessage(1) } });
    await prisma.order.update({ where: { id: inFlight.id }, data: { status: "FAILED" } });

    expect(await setEnabled({ id: second.id, enabled: false })).toMatchObject({ ok: true, data: { enabled: false, changed: true } });
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "settings.accounts.setResellerAccountEnabled", outcome: "OK" }, orderBy: { id: "desc" } });
    expect(entry.changes).toEqual([{ target: `ResellerAccount:${second.id}`, before: { enabled: true, disabledAt: null }, after: { enabled: false, disabledAt: expect.any(String) } }]);

    // History stays: the account, its customer and its order are all still there, and listed in settings.
    expect(await prisma.order.count({ where: { resellerAccountId: second.id } })).toBe(1);
    expect((await listResellerAccounts(admin)).find((a) => a.id === second.id)?.disabledAt).toBeInstanceOf(Date);
    // Offered nowhere.
    const { listOrderAccounts } = await import("@/lib/orders/list-order-accounts");
    const { listOrderingUrlAccounts } = await import("@/lib/ordering-urls/list-ordering-url-accounts");
    expect((await listOrderAccounts(staff)).map((a) => a.id)).not.toContain(second.id);
    expect((await listOrderingUrlAccounts(staff)).map((a) => a.id)).not.toContain(second.id);
    // Not the default, while disabled.
    expect(await actionsAs(admin).update({ ...account({ label: "To disable", loginName: "to-disable", isDefault: true, password: "" }), id: second.id })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", fieldErrors: { isDefault: [DISABLED_CANNOT_BE_DEFAULT] } },
    });
    // No order row, whatever the path: the database refuses it.
    const refused = await prisma.order
      .create({ data: { foreignOrderNumber: `OD-DISABLED-${Date.now()}`, kind: "NEW", status: "SUBMITTING", customerId: customer.id, resellerAccountId: second.id } })
      .then(() => null, (e: unknown) => e);
    expect(isAccountDisabled(refused)).toBe(true);
    // Nothing else uses it either (authorizing an order, switching auto-renew, a job): no client is made for it.
    const { sectigoClientForAccount } = await import("@/lib/sectigo/account-client");
    await expect(sectigoClientForAccount(prisma, { resellerAccountId: second.id, credentialsKey: process.env.CREDENTIALS_KEY! })).rejects.toMatchObject({ code: "CONFLICT", message: ACCOUNT_DISABLED_MESSAGE });
    // No sync: refused when asked, skipped by the schedule, and a run queued before fails without a call.
    const { startSync, SYNC_ACCOUNT_DISABLED } = await import("@/lib/sync/start-sync");
    const { startNightlySyncs } = await import("@/lib/sync/sync-job");
    const { processSyncRun } = await import("@/lib/sync/run-sync");
    await expect(startSync(admin, { resellerAccountId: second.id }, { db: prisma, enqueue: async () => {} })).rejects.toMatchObject({ code: "CONFLICT", message: SYNC_ACCOUNT_DISABLED });
    const nightly = await startNightlySyncs(prisma);
    expect(await prisma.syncRun.count({ where: { id: { in: nightly }, resellerAccountId: second.id } })).toBe(0);
    await prisma.syncRun.deleteMany({ where: { id: { in: nightly } } });
    const queued = await prisma.syncRun.create({ data: { resellerAccountId: second.id } });
    let calls = 0;
    const progress = await processSyncRun(queued.id, { db: prisma, client: async () => ({ webHostReport: async () => { calls++; throw new Error("must not be called"); } }) });
    expect(progress.status).toBe("FAILED");
    expect(calls).toBe(0);

    expect(await setEnabled({ id: second.id, enabled: true })).toMatchObject({ ok: true, data: { enabled: true, changed: true } });
    expect((await listOrderAccounts(staff)).map((a) => a.id)).toContain(second.id);
    const placed = await prisma.order.create({ data: { foreignOrderNumber: `OD-ENABLED-${Date.now()}`, kind: "NEW", status: "FAILED", customerId: customer.id, resellerAccountId: second.id } });
    expect(placed.id).toBeTruthy();
  });

  it("a renewal on a disabled account is refused before anything is sent, with a sentence, and no order is created; a bulk run's preview refuses it", async () => {
    const manager = await prisma.user.findFirstOrThrow({ where: { role: "ACCOUNT_MANAGER" } });
    const actor: Actor = { id: manager.id, email: manager.email, name: manager.name, role: manager.role };
    const demo = await prisma.resellerAccount.findFirstOrThrow({ where: { loginName: DEMO_RESELLER.loginName }, orderBy: { createdAt: "asc" } });
    const wasDefault = demo.isDefault;
    if (wasDefault) {
      const other = await createResellerAccount(admin, account({ label: "Stand-in default", loginName: "stand-in" }) as never);
      await updateResellerAccount(admin, { ...account({ label: "Stand-in default", loginName: "stand-in", password: "" }), id: other.id, isDefault: true } as never);
    }
    const { setEnabled } = await auditedActionsAs(admin);
    expect(await setEnabled({ id: demo.id, enabled: false })).toMatchObject({ ok: true });
    try {
      const now = Date.now();
      const license = await prisma.license.findFirstOrThrow({
        where: { customer: { resellerAccountId: demo.id }, status: "ACTIVE", autoRenew: false, currentOrderNumber: { not: null }, expiresAt: { gt: new Date(now), lt: new Date(now + 30 * 86_400_000) } },
        orderBy: { expiresAt: "asc" },
      });
      const { orderDeps } = await import("@/lib/orders/order-deps");
      const { renewLicense } = await import("@/lib/licenses/actions/renew");
      const real = orderDeps(prisma, { credentialsKey: process.env.CREDENTIALS_KEY!, timeoutMs: 5_000 });
      let sent = 0;
      const deps = { ...real, sectigo: async (...args: Parameters<typeof real.sectigo>) => { sent++; return real.sectigo(...args); } };
      const ordersBefore = await prisma.order.count({ where: { targetLicenseId: license.id } });
      const outcome = await renewLicense(actor, { licenseId: license.id }, deps).then((r) => r, (e: unknown) => e);
      expect(outcome).toMatchObject({ code: "CONFLICT", message: ACCOUNT_DISABLED_MESSAGE, field: "resellerAccountId" });
      expect(sent).toBe(0);
      expect(await prisma.order.count({ where: { targetLicenseId: license.id } })).toBe(ordersBefore);
      // A bulk run's preview does not offer it (the rule itself would accept it here).
      const { previewRenewalRun, ACCOUNT_DISABLED_REASON } = await import("@/lib/licenses/bulk-renewal/preview-renewal-run");
      const preview = await previewRenewalRun(actor, { kind: "selection", licenseIds: [license.id] }, { db: prisma, eligibility: () => ({ ok: true }) });
      expect(preview).toMatchObject({ ok: true, accepted: [], refused: [{ licenseId: license.id, code: "ACCOUNT_DISABLED", reason: ACCOUNT_DISABLED_REASON }] });
    } finally {
      await setEnabled({ id: demo.id, enabled: true });
      if (wasDefault) await updateResellerAccount(admin, { ...account({ label: demo.label, loginName: demo.loginName, apiBaseUrl: demo.apiBaseUrl, apBrand: demo.apBrand ?? "", password: "" }), id: demo.id, isDefault: true } as never);
    }
  });
});
