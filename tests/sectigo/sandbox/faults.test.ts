/** Every fault mode, observed at the HTTP level. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { harness, type Harness, type OrderView } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await harness();
  await h.account("faulty");
  await h.account("healthy");
});
afterAll(() => h.close());
beforeEach(() => h.admin("DELETE", "faults"));

const balance = "loginName=faulty&loginPassword=pw";
let n = 0;
const order = (login = "faulty") =>
  `loginName=${login}&loginPassword=pw&responseFormat=1&product=1060&days=30&domainName=f${++n}.example&appRepEmailAddress=o@f${n}.example&foreignOrderNumber=FAULT-${n}`;

describe("per-request header X-Sandbox-Fault", () => {
  it("latency delays the answer", async () => {
    const started = Date.now();
    const res = await h.post("!getAccountBalance", balance, { "X-Sandbox-Fault": "latency", "X-Sandbox-Latency-Ms": "150" });
    expect((await res.text()).startsWith("0\n")).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("hang never answers: the client times out", async () => {
    const call = fetch(`${h.url}/products/!getAccountBalance`, {
      method: "POST", body: balance, headers: { "content-type": "application/x-www-form-urlencoded", "X-Sandbox-Fault": "hang" }, signal: AbortSignal.timeout(200),
    });
    await expect(call).rejects.toThrow(/abort|timeout/i);
  });

  it("http500 / http503 answer with the HTTP status", async () => {
    expect((await h.post("!getAccountBalance", balance, { "X-Sandbox-Fault": "http500" })).status).toBe(500);
    expect((await h.post("!getAccountBalance", balance, { "X-Sandbox-Fault": "http503" })).status).toBe(503);
  });

  it("reset drops the connection without processing", async () => {
    const body = order();
    await expect(h.post("!AutoApplyOrder", body, { "X-Sandbox-Fault": "reset" })).rejects.toThrow();
    expect((await h.admin<{ orders: unknown[] }>("GET", `orders?foreignOrderNumber=FAULT-${n}`)).orders).toEqual([]);
  });

  it("malformed answers 200 with a body that is neither format", async () => {
    const res = await h.post("!AutoApplyOrder", order(), { "X-Sandbox-Fault": "malformed" });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/^-?\d+\n/);
    expect(new URLSearchParams(text).get("errorCode")).toBeNull();
  });

  it("lost-response: the order exists and funds are debited, but the client gets no answer", async () => {
    const before = await h.funds("faulty");
    await expect(h.post("!AutoApplyOrder", order(), { "X-Sandbox-Fault": "lost-response" })).rejects.toThrow();
    const found = await h.admin<{ orders: OrderView[] }>("GET", `orders?foreignOrderNumber=FAULT-${n}`);
    expect(found.orders).toHaveLength(1);
    expect(found.orders[0]?.order.status).toBe("active");
    expect(await h.funds("faulty")).toBeCloseTo(before - 9.99, 2);
  });
});

describe("stored fault rules (POST /__sandbox/faults)", () => {
  it("scoped to a login and an endpoint, limited by times", async () => {
    const { id } = await h.admin<{ id: string }>("POST", "faults", { mode: "http503", loginName: "faulty", endpoint: "!AutoApplyOrder", times: 1 });
    expect(id).toMatch(/^fault-/);
    expect((await h.admin<{ faults: unknown[] }>("GET", "faults")).faults).toHaveLength(1);
    expect((await h.post("!getAccountBalance", balance)).status).toBe(200); // other endpoint
    expect((await h.post("!AutoApplyOrder", order("healthy"))).status).toBe(200); // other login
    expect((await h.post("!AutoApplyOrder", order())).status).toBe(503);
    const again = await h.post("!AutoApplyOrder", order());
    expect(new URLSearchParams(await again.text()).get("errorCode")).toBe("0");
    expect((await h.admin<{ faults: unknown[] }>("GET", "faults")).faults).toEqual([]);
  });

  it("lost-response as a rule, then cleared with DELETE", async () => {
    await h.admin("POST", "faults", { mode: "lost-response", loginName: "faulty" });
    await expect(h.post("!AutoApplyOrder", order())).rejects.toThrow();
    await h.admin("DELETE", "faults");
    expect((await h.post("!getAccountBalance", balance)).status).toBe(200);
  });

  it("rejects an unknown mode", async () => {
    const res = await h.adminRaw("POST", "faults", { headers: { "content-type": "application/json" }, body: JSON.stringify({ mode: "explode" }) });
    expect(res.status).toBe(400);
  });
});
