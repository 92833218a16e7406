/**
 * "Test connection" and where a reseller account's password may go (issue 16 item 5), through the
 * real server actions (app/(app)/settings/accounts/actions.ts) against a real PostgreSQL, the
 * in-process sandbox and two local HTTP servers that count what reaches them: one on the
 * configured allow-list (SECTIGO_ALLOWED_SANDBOX_URLS), one not.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { DEMO_RESELLER, anchorDay } from "@/tools/demo-world/demo-data";
import { startSandbox } from "@/tools/sandbox/server";
import { VENDOR_ERROR_TABLE } from "@/lib/sectigo/client/errors/codes";
import { CONNECTION_FAILURE_MESSAGES, RETYPE_FOR_OTHER_URL } from "@/lib/settings/test-reseller-connection";
import { startDemoDatabase } from "./test-database";

const admin: Actor = { id: "demo-user-admin", email: "admin@orderdesk.test", name: "Ada Admin", role: "ADMIN" };
vi.mock("@/lib/auth/session", () => ({
  getActor: async () => admin,
  requireActor: async () => admin,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "test-connection", "x-orderdesk-client-address": "203.0.113.7" }) }));

type Answer = "balance" | "echo-16" | "echo-item" | "http-500" | "huge" | "slow";

/** A stand-in for "somewhere else": counts requests, keeps their bodies, answers as told. */
async function catcher() {
  const state = { answer: "balance" as Answer, bodies: [] as URLSearchParams[], bytesSent: 0, hungUpEarly: false };
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      state.bodies.push(new URLSearchParams(raw));
      const send = (status: number, text: string) => res.writeHead(status, { "content-type": "text/plain" }).end(text);
      if (state.answer === "balance") return send(200, "0\nACC-1\nUSD\n10.00\n0.00\n");
      if (state.answer === "echo-16") return send(200, "errorCode=-16&errorMessage=Visit+evil.example+and+paste+your+password+there");
      if (state.answer === "echo-item") return send(200, "errorCode=-2&errorItem=evil.example-wants-you");
      if (state.answer === "http-500") return send(500, "<h1>Call evil.example support</h1>");
      if (state.answer === "slow") {
        res.writeHead(200, { "content-type": "text/plain" }).write("0\n");
        const drip = setInterval(() => res.write("1"), 50);
        res.on("close", () => clearInterval(drip));
        return;
      }
      // 100 MB, with back-pressure, until the client hangs up.
      const chunk = Buffer.alloc(64 * 1024, "9");
      const total = 100 * 1024 * 1024;
      let closed = false;
      res.on("close", () => ((closed = true), (state.hungUpEarly = state.bytesSent < total)));
      res.writeHead(200, { "content-type": "text/plain" });
      const pump = () => {
        while (!closed && state.bytesSent < total) {
          state.bytesSent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        if (!closed) res.end();
      };
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/products/`;
  return { state, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let db: Awaited<ReturnType<typeof startDemoDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let allowed: Awaited<ReturnType<typeof catcher>>;
let other: Awaited<ReturnType<typeof catcher>>;
let products: string;
let prisma: (typeof import("@/lib/db"))["prisma"];
let actions: typeof import("@/app/(app)/settings/accounts/actions");

const STORED = "Stored-Secret-Pass-1";

beforeAll(async () => {
  const anchor = anchorDay(new Date());
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchor });
  products = `${sandbox.url}/products/`;
  allowed = await catcher();
  other = await catcher();
  // What the launcher would pass: the sandbox it started, one more allowed sandbox, and a short
  // Sectigo timeout (Test connection never waits longer than a Sectigo call may).
  process.env.SECTIGO_SANDBOX_URL = products;
  process.env.SECTIGO_ALLOWED_SANDBOX_URLS = allowed.url;
  process.env.SECTIGO_TIMEOUT_MS = "1000";
  db = await startDemoDatabase(anchor);
  prisma = (await import("@/lib/db")).prisma;
  actions = await import("@/app/(app)/settings/accounts/actions");
});
afterAll(async () => {
  await Promise.all([sandbox?.close(), allowed?.close(), other?.close()]);
  await db?.stop();
});
beforeEach(() => {
  for (const c of [allowed, other]) Object.assign(c.state, { answer: "balance", bodies: [], bytesSent: 0, hungUpEarly: false });
});

const account = (over: Record<string, unknown> = {}) => ({
  label: `Acct ${Math.random().toString(36).slice(2, 8)}`,
  loginName: `login-${Math.random().toString(36).slice(2, 8)}`,
  password: STORED,
  apBrand: "SecondBrand",
  apiBaseUrl: products,
  mode: "SANDBOX" as const,
  autoRenewDefault: false,
  isDefault: false,
  ...over,
});

async function saved(over: Record<string, unknown> = {}) {
  const input = account(over);
  const result = await actions.createResellerAccountAction(input);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return { ...input, id: result.data.id };
}

describe("the stored password goes only to the account's saved URL", () => {
  it("a saved id, an empty password and another URL: a message on the password field, and the other URL receives nothing", async () => {
    const acct = await saved();
    const result = await actions.testConnectionAction({ id: acct.id, loginName: acct.loginName, apiBaseUrl: allowed.url, mode: "SANDBOX", password: "" });
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { password: [RETYPE_FOR_OTHER_URL] } } });
    expect(allowed.state.bodies).toHaveLength(0);
  });

  it("moving a saved account to another allowed URL keeps nothing: the password must be typed again, so a stored one never follows", async () => {
    const acct = await saved();
    const { PASSWORD_FOR_NEW_URL } = await import("@/lib/settings/update-reseller-account");
    const moved = await actions.updateResellerAccountAction({ ...acct, apiBaseUrl: allowed.url, password: "" });
    expect(moved).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { password: [PASSWORD_FOR_NEW_URL] } } });
    expect(await prisma.resellerAccount.findUniqueOrThrow({ where: { id: acct.id } })).toMatchObject({ apiBaseUrl: products });
    const retyped = await actions.updateResellerAccountAction({ ...acct, apiBaseUrl: allowed.url, password: "Typed-For-New-Url" });
    expect(retyped.ok, JSON.stringify(retyped)).toBe(true);
    // The same URL without its trailing slash is not a move.
    const same = await actions.updateResellerAccountAction({ ...acct, apiBaseUrl: allowed.url.replace(/\/$/, ""), password: "" });
    expect(same.ok, JSON.stringify(same)).toBe(true);
  });

  it("with the password typed again, that URL gets the typed password, never the stored one", async () => {
    const acct = await saved();
    await actions.testConnectionAction({ id: acct.id, loginName: acct.loginName, apiBaseUrl: allowed.url, mode: "SANDBOX", password: "Typed-Again-2" });
    expect(allowed.state.bodies.map((b) => b.get("loginPassword"))).toEqual(["Typed-Again-2"]);
  });

  it("the saved URL, spelled without its trailing slash, still counts as the saved URL", async () => {
    const acct = await saved({ loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password });
    const result = await actions.testConnectionAction({ id: acct.id, loginName: acct.loginName, apiBaseUrl: products.replace(/\/$/, ""), mode: "SANDBOX", password: "" });
    expect(result).toMatchObject({ ok: true, data: { ok: true, currency: "USD" } });
  });
});

describe("addresses an account may not use", () => {
  const refused = () => [
    ["the cloud metadata service", `http://169.254.169.254/latest/meta-data/`, "SANDBOX", /^A sandbox account can only use the sandbox this Order Desk was started with/],
    ["another port of this machine", other.url, "SANDBOX", /^A sandbox account can only use/],
    ["the sandbox's admin routes", `${sandbox.url}/__sandbox/`, "SANDBOX", /^A sandbox account can only use/],
    ["a LIVE account off Sectigo's host", "https://evil.example/products/", "LIVE", /^A live account can only use Sectigo's API at https:\/\/secure\.trust-provider\.com\/products\/$/],
  ] as const;

  it("are refused on Test connection (typed password or stored), on create and on update, as a message on apiBaseUrl; nothing is fetched", async () => {
    const acct = await saved();
    for (const [what, url, mode, message] of refused()) {
      const attempts = [
        await actions.testConnectionAction({ loginName: "x", apiBaseUrl: url, mode, password: "Typed-3" }),
        await actions.testConnectionAction({ id: acct.id, loginName: acct.loginName, apiBaseUrl: url, mode, password: "" }),
        await actions.createResellerAccountAction(account({ apiBaseUrl: url, mode })),
        await actions.updateResellerAccountAction({ ...acct, apiBaseUrl: url, mode, password: "" }),
      ];
      for (const result of attempts) {
        expect(result.ok, what).toBe(false);
        expect(!result.ok && result.error.code, what).toBe("INVALID_INPUT");
        expect(!result.ok && result.error.fieldErrors?.apiBaseUrl?.[0], what).toMatch(message);
      }
    }
    expect(other.state.bodies).toHaveLength(0);
    expect(await prisma.resellerAccount.findUniqueOrThrow({ where: { id: acct.id } })).toMatchObject({ apiBaseUrl: products });
  });

  it("a LIVE account may be saved with Sectigo's documented URL", async () => {
    const result = await actions.createResellerAccountAction(account({ apiBaseUrl: "https://secure.trust-provider.com/products/", mode: "LIVE" }));
    expect(result.ok).toBe(true);
  });
});

describe("what the other end says never reaches the admin verbatim", () => {
  it.each([
    ["an error code with a message", "echo-16", { code: -16, message: VENDOR_ERROR_TABLE[-16]!.userMessage }],
    ["an error that names a parameter", "echo-item", { code: -2, message: CONNECTION_FAILURE_MESSAGES.parameter }],
    ["an HTTP error page", "http-500", { message: CONNECTION_FAILURE_MESSAGES.http }],
  ] as const)("%s: our own sentence", async (_case, answer, expected) => {
    allowed.state.answer = answer;
    const result = await actions.testConnectionAction({ loginName: "x", apiBaseUrl: allowed.url, mode: "SANDBOX", password: "Typed-4" });
    expect(result).toEqual({ ok: true, data: { ok: false, ...expected } });
    expect(JSON.stringify(result)).not.toContain("evil");
  });
});

describe("answers are capped in size and time", () => {
  it("a 100 MB answer is cut at the cap: the test fails cleanly and its ApiCall row stays small", async () => {
    const acct = await saved({ apiBaseUrl: allowed.url });
    allowed.state.answer = "huge";
    const result = await actions.testConnectionAction({ id: acct.id, loginName: acct.loginName, apiBaseUrl: acct.apiBaseUrl, mode: "SANDBOX", password: "" });
    expect(result).toEqual({ ok: true, data: { ok: false, message: CONNECTION_FAILURE_MESSAGES.malformed } });
    await expect.poll(() => allowed.state.hungUpEarly).toBe(true);
    expect(allowed.state.bytesSent).toBeLessThan(10 * 1024 * 1024);
    const [row] = await prisma.$queryRaw<Array<{ outcome: string; size: number }>>`
      SELECT outcome::text, octet_length(response) AS size FROM "ApiCall" WHERE "resellerAccountId" = ${acct.id}`;
    expect(row).toMatchObject({ outcome: "MALFORMED" });
    expect(row!.size).toBeLessThan(4_000);
  });

  it("an answer that never completes ends at the time cap with our sentence", async () => {
    allowed.state.answer = "slow";
    const started = performance.now();
    const result = await actions.testConnectionAction({ loginName: "x", apiBaseUrl: allowed.url, mode: "SANDBOX", password: "Typed-5" });
    expect(result).toEqual({ ok: true, data: { ok: false, message: CONNECTION_FAILURE_MESSAGES.timeout } });
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe("the audit log", () => {
  it("has one row per Test connection, refused or not, and never the password", async () => {
    const count = () => prisma.auditEntry.count({ where: { action: "settings.accounts.testConnection", actorId: admin.id } });
    const before = await count();
    await actions.testConnectionAction({ loginName: DEMO_RESELLER.loginName, apiBaseUrl: products, mode: "SANDBOX", password: "Audit-Typed-Secret-6" });
    await actions.testConnectionAction({ loginName: "x", apiBaseUrl: other.url, mode: "SANDBOX", password: "Audit-Typed-Secret-6" });
    expect(await count()).toBe(before + 2);
    const rows = await prisma.auditEntry.findMany({ where: { action: "settings.accounts.testConnection" }, orderBy: { createdAt: "desc" }, take: 2 });
    // The typed password is not the sandbox login's: Sectigo refuses it, and the entry says so
    // (an entry says OK only when the action did what was asked: authorized-action.ts outcomeOf).
    expect(rows.map((r) => r.outcome).sort()).toEqual(["INVALID_INPUT", "REFUSED"]);
    for (const row of rows) {
      expect(row).toMatchObject({ clientAddress: "203.0.113.7", input: expect.objectContaining({ password: "[redacted]" }) });
      expect(JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain("Audit-Typed-Secret-6");
    }
  });
});
