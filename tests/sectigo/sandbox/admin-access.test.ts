/**
 * The admin API (`/__sandbox/*`) is a developer's tool, not an open door: it needs the admin token
 * (Authorization: Bearer), JSON bodies sent as application/json, and refuses browser cross-site
 * requests. A refused request changes nothing. `/health` and `/products/*` stay open.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { harness, T0, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await harness({ demo: true, demoAnchor: T0 });
});
afterAll(() => h.close());

const JSON_TYPE = { "content-type": "application/json" };
const ROUTES: Array<{ method: string; path: string; body?: unknown }> = [
  { method: "GET", path: "clock" },
  { method: "GET", path: "accounts" },
  { method: "GET", path: `accounts/${DEMO_RESELLER.loginName}` },
  { method: "GET", path: "orders/9100001" },
  { method: "GET", path: "orders" },
  { method: "GET", path: "licenses" },
  { method: "GET", path: "faults" },
  { method: "GET", path: "no-such-route" },
  { method: "POST", path: "clock", body: { advanceDays: 400 } },
  { method: "DELETE", path: "clock" },
  { method: "POST", path: "accounts", body: { loginName: DEMO_RESELLER.loginName, loginPassword: "taken-over", funds: 0 } },
  { method: "POST", path: "faults", body: { mode: "http500" } },
  { method: "DELETE", path: "faults" },
  { method: "POST", path: "reset", body: { demo: false } },
];

type Headers = Record<string, string>;
const REFUSALS: Array<{ name: string; status: number; headers: (token: string) => Headers; body?: "text" }> = [
  { name: "no token", status: 401, headers: () => JSON_TYPE },
  { name: "a wrong token", status: 401, headers: (t) => ({ ...JSON_TYPE, authorization: `Bearer ${t.slice(0, -1)}x` }) },
  { name: "a longer token", status: 401, headers: (t) => ({ ...JSON_TYPE, authorization: `Bearer ${t}x` }) },
  { name: "the token without the Bearer scheme", status: 401, headers: (t) => ({ ...JSON_TYPE, authorization: t }) },
  { name: "the token as a Basic password", status: 401, headers: (t) => ({ ...JSON_TYPE, authorization: `Basic ${Buffer.from(`x:${t}`).toString("base64")}` }) },
  { name: "an Origin header (a web page)", status: 403, headers: (t) => ({ ...JSON_TYPE, authorization: `Bearer ${t}`, origin: "https://evil.example" }) },
  { name: "Sec-Fetch-Site cross-site", status: 403, headers: (t) => ({ ...JSON_TYPE, authorization: `Bearer ${t}`, "sec-fetch-site": "cross-site" }) },
];

async function snapshot(): Promise<string> {
  const parts = await Promise.all(["clock", "accounts", "orders", "licenses", "faults"].map((p) => h.admin("GET", p)));
  return JSON.stringify(parts);
}

describe("admin API access", () => {
  it("refuses every admin route without the right token or from a web page, and changes nothing", async () => {
    const before = await snapshot();
    for (const route of ROUTES) {
      for (const refusal of REFUSALS) {
        const res = await fetch(`${h.url}/__sandbox/${route.path}`, {
          method: route.method,
          headers: refusal.headers(h.token),
          body: route.body === undefined ? undefined : JSON.stringify(route.body),
        });
        const text = await res.text();
        expect(res.status, `${route.method} ${route.path} with ${refusal.name}`).toBe(refusal.status);
        expect(text, "no state in a refusal").not.toMatch(/9100001|orderdesk|frozen/);
        if (refusal.status === 401) expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it("takes a JSON body only as application/json (415 otherwise, nothing applied)", async () => {
    const before = await snapshot();
    for (const route of ROUTES.filter((r) => r.body !== undefined)) {
      for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", undefined]) {
        const res = await fetch(`${h.url}/__sandbox/${route.path}`, {
          method: route.method,
          headers: { authorization: `Bearer ${h.token}`, ...(type ? { "content-type": type } : {}) },
          body: type === undefined ? new Blob([JSON.stringify(route.body)]) : JSON.stringify(route.body),
        });
        expect(res.status, `${route.method} ${route.path} as ${type ?? "no type"}`).toBe(415);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it("answers with the token (JSON with a charset parameter too)", async () => {
    const res = await h.adminRaw("POST", "accounts", {
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ loginName: "with-token", loginPassword: "pw", funds: 5 }),
    });
    expect(res.status).toBe(200);
    expect(await h.funds("with-token")).toBe(5);
    // A POST without a body needs no content type (curl -X POST); this one lacks its fields.
    expect((await h.adminRaw("POST", "clock")).status).toBe(400);
  });

  it("leaves /health and the Sectigo API open", async () => {
    expect((await fetch(`${h.url}/health`)).status).toBe(200);
    const lines = await h.lines("!getAccountBalance", `loginName=${DEMO_RESELLER.loginName}&loginPassword=${DEMO_RESELLER.password}`);
    expect(lines[0]).toBe("0");
  });
});
