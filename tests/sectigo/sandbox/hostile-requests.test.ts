/**
 * The sandbox as an attacker sees it: malformed percent-encoding, prototype keys in ids and form
 * fields, oversized bodies, JSON and multipart bodies sent to the form-only Sectigo API. Every case
 * gets a clear 4xx (or, on the Sectigo API, a Sectigo error code), never a 500, never a password
 * in any answer, and leaves the process sane (no prototype pollution, still serving).
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness, T0, type Harness } from "./helpers";

const LOGIN = "hostile-reseller";
const PASSWORD = `Pw "s3cr&t"=%{x}+ü`;
const login = new URLSearchParams({ loginName: LOGIN, loginPassword: PASSWORD }).toString();
const order = `${login}&product=1060&days=365&domainName=hostile.example&appRepEmailAddress=o@hostile.example`;
const jsonLogin = JSON.stringify({ loginName: LOGIN, loginPassword: PASSWORD, product: "1060", days: "365" });
const multipart = [
  "--XYZ", 'Content-Disposition: form-data; name="loginName"', "", LOGIN,
  "--XYZ", 'Content-Disposition: form-data; name="loginPassword"', "", PASSWORD, "--XYZ--", "",
].join("\r\n");

/** Every way the password could be written back: raw, URL/form-encoded, JSON-escaped. */
const LEAKS = [PASSWORD, encodeURIComponent(PASSWORD), new URLSearchParams({ p: PASSWORD }).toString().slice(2), JSON.stringify(PASSWORD).slice(1, -1), "s3cr"];

type Expect = { status: number } | { sectigo: RegExp };
interface Case {
  name: string;
  method?: string;
  path: string;
  body?: string;
  type?: string;
  admin?: boolean;
  expect: Expect;
}

const FORM = "application/x-www-form-urlencoded";
const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"];

const CASES: Case[] = [
  // Paths
  { name: "bad percent-encoding in an endpoint name", path: "/products/%E0%A4%A", expect: { status: 400 } },
  { name: "lone % in an endpoint name", path: "/products/%", expect: { status: 400 } },
  { name: "bad percent-encoding in an order id", path: "/__sandbox/orders/%ZZ", admin: true, expect: { status: 400 } },
  { name: "lone % after /__sandbox/", path: "/__sandbox/%", admin: true, expect: { status: 400 } },
  { name: "extra path segments", path: "/__sandbox/orders/9100001/extra", admin: true, expect: { status: 404 } },
  ...PROTO_KEYS.flatMap((key): Case[] => [
    { name: `endpoint ${key}`, method: "POST", path: `/products/${key}`, body: login, type: FORM, expect: { status: 404 } },
    { name: `order id ${key}`, path: `/__sandbox/orders/${key}`, admin: true, expect: { status: 404 } },
    { name: `account id ${key}`, path: `/__sandbox/accounts/${key}`, admin: true, expect: { status: 404 } },
    { name: `fault id ${key}`, method: "DELETE", path: `/__sandbox/faults/${key}`, admin: true, expect: { status: 404 } },
    { name: `order filter ${key}`, path: `/__sandbox/orders?loginName=${key}&status=${key}`, admin: true, expect: { status: 200 } },
    { name: `license filter ${key}`, path: `/__sandbox/licenses?orderNumber=${key}`, admin: true, expect: { status: 200 } },
    // Prototype keys as form fields and values of the Sectigo API
    { name: `form field ${key}`, method: "POST", path: "/products/!AutoApplyOrder", body: `${key}=1&${order}`, type: FORM, expect: { sectigo: /^-2\n/ } },
    { name: `PlaceOrder field ${key}`, method: "POST", path: "/products/!PlaceOrder", body: `${key}=1&${login}`, type: FORM, expect: { sectigo: /errorCode=-2/ } },
    { name: `loginName ${key}`, method: "POST", path: "/products/!getAccountBalance", body: `loginName=${key}&loginPassword=x`, type: FORM, expect: { sectigo: /^-16\n/ } },
    { name: `previousOrderNumber ${key}`, method: "POST", path: "/products/!AutoApplyOrder", body: `${order}&previousOrderNumber=${key}`, type: FORM, expect: { sectigo: /^-4\n/ } },
    { name: `PlaceOrder licenceCode ${key}`, method: "POST", path: "/products/!PlaceOrder", body: `${login}&ap=x&isReturningCustomer=Y&licenceCode=${key}&1_PPP=1`, type: FORM, expect: { sectigo: /errorCode=-/ } },
    { name: `orderNumber ${key}`, method: "POST", path: "/products/!AutoAuthorize", body: `${login}&orderNumber=${key}`, type: FORM, expect: { sectigo: /^-4\n/ } },
  ]),
  // Bodies the Sectigo API does not take: the documents say x-www-form-urlencoded only
  { name: "JSON body to the Sectigo API", method: "POST", path: "/products/!AutoApplyOrder", body: jsonLogin, type: "application/json", expect: { status: 415 } },
  { name: "multipart body to the Sectigo API", method: "POST", path: "/products/!AutoApplyOrder", body: multipart, type: "multipart/form-data; boundary=XYZ", expect: { status: 415 } },
  { name: "JSON sent as text/plain", method: "POST", path: "/products/!AutoApplyOrder", body: jsonLogin, type: "text/plain", expect: { status: 415 } },
  { name: "JSON sent as a form", method: "POST", path: "/products/!AutoApplyOrder", body: jsonLogin, type: FORM, expect: { sectigo: /^-2\n'\[[^\]]*\]' is an unrecognised argument!/ } },
  { name: "JSON sent as a form to PlaceOrder", method: "POST", path: "/products/!PlaceOrder", body: jsonLogin, type: FORM, expect: { sectigo: /errorCode=-2/ } },
  { name: "password as a parameter name", method: "POST", path: "/products/!getAccountBalance", body: `${login}&${encodeURIComponent(PASSWORD)}`, type: FORM, expect: { sectigo: /^-2\n/ } },
  { name: "bad percent-encoding in a form value", method: "POST", path: "/products/!getAccountBalance", body: `loginName=%E0%A4%A&loginPassword=%ZZ`, type: FORM, expect: { sectigo: /^-16\n/ } },
  { name: "password in a PlaceOrder error redirect", path: `/products/!PlaceOrder?${login}&errorURL=${encodeURIComponent("https://shop.example/err")}&1_PPP=1`, expect: { status: 302 } },
  // Size
  { name: "a 2 MB body to the Sectigo API", method: "POST", path: "/products/!AutoApplyOrder", body: `${login}&x=${"a".repeat(2_000_000)}`, type: FORM, expect: { status: 413 } },
  { name: "a 2 MB body to the admin API", method: "POST", path: "/__sandbox/accounts", body: `{"x":"${"a".repeat(2_000_000)}"}`, type: "application/json", admin: true, expect: { status: 413 } },
  { name: "many parameters", method: "POST", path: "/products/!getAccountBalance", body: `${login}&${"a=1&".repeat(100_000)}`, type: FORM, expect: { sectigo: /^-2\n/ } },
  // Admin bodies with prototype keys
  { name: "account named __proto__", method: "POST", path: "/__sandbox/accounts", body: JSON.stringify({ loginName: "__proto__", loginPassword: PASSWORD }), type: "application/json", admin: true, expect: { status: 400 } },
  { name: "__proto__ key in an account", method: "POST", path: "/__sandbox/accounts", body: `{"loginName":"x1","loginPassword":${JSON.stringify(PASSWORD)},"__proto__":{"polluted":1}}`, type: "application/json", admin: true, expect: { status: 400 } },
  { name: "__proto__ key in a fault", method: "POST", path: "/__sandbox/faults", body: '{"mode":"latency","__proto__":{"polluted":1}}', type: "application/json", admin: true, expect: { status: 400 } },
];

let h: Harness;
beforeAll(async () => {
  h = await harness({ demo: true, demoAnchor: T0 });
  await h.account(LOGIN, { loginPassword: PASSWORD });
});
afterAll(() => h.close());

describe("hostile requests", () => {
  it.each(CASES)("$name", async (c) => {
    const headers: Record<string, string> = { ...(c.type ? { "content-type": c.type } : {}), ...(c.admin ? { authorization: `Bearer ${h.token}` } : {}) };
    const res = await fetch(`${h.url}${c.path}`, { method: c.method ?? "GET", headers, body: c.body, redirect: "manual" });
    const text = await res.text();
    const answer = `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n\n${text}`;
    if ("status" in c.expect) expect(res.status, text.slice(0, 200)).toBe(c.expect.status);
    else {
      expect(res.status).toBe(200);
      expect(text).toMatch(c.expect.sectigo);
    }
    for (const leak of LEAKS) expect(answer, "the password is never written back").not.toContain(leak);
  });

  it.each([
    "GET //a:99999/ HTTP/1.1",
    "GET //[::1/products/!getAccountBalance HTTP/1.1",
    "GET http://x:99999/__sandbox/clock HTTP/1.1",
    "POST //host:0x/products/!AutoApplyOrder HTTP/1.1",
  ])("raw request line %s: a 400, and the sandbox keeps serving", async (line) => {
    const status = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(new URL(h.url).port), "127.0.0.1", () =>
        socket.write(`${line}\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`),
      );
      let answer = "";
      socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
      socket.on("close", () => resolve(answer.split("\r\n")[0] ?? ""));
      socket.on("error", reject);
    });
    expect(status).toMatch(/^HTTP\/1\.1 400 /);
    expect((await fetch(`${h.url}/health`)).status).toBe(200);
  });

  it("leaves the process sane: no prototype pollution, the accounts intact, still serving", async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    const accounts = await h.admin<{ accounts: Array<{ loginName: string }> }>("GET", "accounts");
    expect(accounts.accounts.map((a) => a.loginName).sort()).toEqual([LOGIN, "orderdesk-demo", "orderdesk-nositelock"]);
    const balance = await h.lines("!getAccountBalance", login);
    expect(balance[0]).toBe("0");
  });
});
