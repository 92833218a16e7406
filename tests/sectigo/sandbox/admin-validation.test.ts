/**
 * Every admin route validates the whole request first and then applies it: a refused request
 * answers 400 with a clear message and leaves the clock, the funds, the accounts, the orders and
 * the fault rules exactly as they were (issue: `{"advanceDays":1e308}` answered 500 but moved the
 * clock to Infinity and ran 18 auto-renewals on the demo funds).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { startSandbox } from "@/tools/sandbox/server";
import { DAY, harness, T0, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await harness({ demo: true, demoAnchor: T0 });
});
afterAll(() => h.close());

async function snapshot(): Promise<string> {
  const parts = await Promise.all(["clock", "accounts", "orders", "licenses", "faults"].map((p) => h.admin("GET", p)));
  return JSON.stringify(parts);
}

const BAD: Array<{ path: string; body: string; why: RegExp }> = [
  { path: "clock", body: '{"advanceDays":1e308}', why: /advanceDays/ },
  { path: "clock", body: '{"advanceDays":-1e308}', why: /advanceDays/ },
  { path: "clock", body: '{"advanceDays":100000}', why: /advanceDays/ },
  { path: "clock", body: '{"advanceDays":"30"}', why: /advanceDays/ },
  { path: "clock", body: '{"now":"9999-12-31"}', why: /now/ },
  { path: "clock", body: '{"now":"1900-01-01T00:00:00Z"}', why: /now/ },
  { path: "clock", body: '{"now":"2030-02-30"}', why: /now/ },
  { path: "clock", body: '{"now":"2099-12-01T00:00:00Z","advanceDays":3000}', why: /clock/ },
  { path: "clock", body: '{"advanceDays":30,"freez":false}', why: /freez/ },
  { path: "clock", body: '{"freeze":false}', why: /now or advanceDays/ },
  { path: "clock", body: "[]", why: /object/ },
  { path: "clock", body: "null", why: /object/ },
  { path: "clock", body: '{"advanceDays":', why: /JSON/ },
  { path: "accounts", body: JSON.stringify({ loginName: DEMO_RESELLER.loginName, loginPassword: "x", funds: 1e308 }), why: /funds/ },
  { path: "accounts", body: JSON.stringify({ loginName: DEMO_RESELLER.loginName, loginPassword: "x", creditLimit: 1e308 }), why: /creditLimit/ },
  { path: "accounts", body: JSON.stringify({ loginName: DEMO_RESELLER.loginName, loginPassword: "x", funds: 0.001 }), why: /funds/ },
  { path: "accounts", body: JSON.stringify({ loginName: DEMO_RESELLER.loginName, loginPassword: "x", callLimitPerMinute: 1e12 }), why: /callLimitPerMinute/ },
  { path: "accounts", body: JSON.stringify({ loginName: "__proto__", loginPassword: "x" }), why: /loginName/ },
  { path: "accounts", body: JSON.stringify({ loginName: "has space", loginPassword: "x" }), why: /loginName/ },
  { path: "accounts", body: '{"loginName":"new-one","loginPassword":"x","__proto__":{"funds":1}}', why: /__proto__/ },
  { path: "faults", body: JSON.stringify({ mode: "latency", latencyMs: 1e308 }), why: /latencyMs/ },
  { path: "faults", body: JSON.stringify({ mode: "http500", times: 1e308 }), why: /times/ },
  { path: "faults", body: JSON.stringify({ mode: "http500", constructor: "x" }), why: /constructor/ },
  { path: "reset", body: JSON.stringify({ demo: true, demoAnchor: "garbage" }), why: /demoAnchor/ },
  { path: "reset", body: JSON.stringify({ demo: true, demoAnchor: "9999-01-01" }), why: /demoAnchor/ },
  { path: "reset", body: JSON.stringify({ demo: "yes" }), why: /demo/ },
];

describe("admin validation", () => {
  it.each(BAD)("POST $path $body -> 400, nothing applied", async ({ path, body, why }) => {
    await h.setClock(new Date(T0.getTime() + 10 * DAY));
    const before = await snapshot();
    const res = await h.adminRaw("POST", path, { headers: { "content-type": "application/json" }, body });
    const answer = (await res.json()) as { error?: string };
    expect(res.status).toBe(400);
    expect(answer.error).toMatch(why);
    expect(await snapshot()).toBe(before);
  });

  it("a bounded advance still applies the due auto-renewals and reports them", async () => {
    await h.setClock(T0);
    const funds = await h.funds(DEMO_RESELLER.loginName);
    const moved = await h.admin<{ now: string; autoRenewed: number }>("POST", "clock", { advanceDays: 3650 });
    expect(moved.now).toBe(new Date(T0.getTime() + 3650 * DAY).toISOString());
    expect(moved.autoRenewed).toBeGreaterThan(0);
    expect(await h.funds(DEMO_RESELLER.loginName)).toBeLessThan(funds);
  });
});

describe("start options", () => {
  it("refuses a start clock or demo anchor outside the clock's range, and a short admin token", async () => {
    await expect(startSandbox({ now: new Date("3000-01-01T00:00:00Z") })).rejects.toThrow(/now must be between/);
    await expect(startSandbox({ demo: true, demoAnchor: new Date(Number.NaN) })).rejects.toThrow(/demoAnchor must be between/);
    await expect(startSandbox({ adminToken: "short" })).rejects.toThrow(/at least 16/);
  });
});
