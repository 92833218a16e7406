/**
 * Test harness for the sandbox: an in-memory sandbox on a random port, raw-HTTP helpers (bodies are
 * written by hand in each test, never through the Sectigo client) and admin shortcuts.
 */
import { startSandbox, type SandboxOptions } from "@/lib/sectigo/sandbox/server";

export const T0 = new Date("2030-01-01T00:00:00.000Z");
export const DAY = 86_400_000;

export interface Harness {
  url: string;
  close(): Promise<void>;
  post(endpoint: string, body: string, headers?: Record<string, string>): Promise<Response>;
  /** POST and split the text/plain answer into lines. */
  lines(endpoint: string, body: string): Promise<string[]>;
  /** POST and parse the url-encoded answer. */
  form(endpoint: string, body: string): Promise<URLSearchParams>;
  admin<T = Record<string, unknown>>(method: string, path: string, json?: unknown): Promise<T>;
  setClock(at: Date): Promise<void>;
  account(loginName: string, extra?: Record<string, unknown>): Promise<void>;
  funds(loginName: string): Promise<number>;
}

export async function harness(opts: SandboxOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0, now: T0, ...opts });
  const post = (endpoint: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${sandbox.url}/products/${endpoint}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    });
  const admin = async <T,>(method: string, path: string, json?: unknown): Promise<T> => {
    const res = await fetch(`${sandbox.url}/__sandbox/${path}`, {
      method,
      headers: json === undefined ? {} : { "content-type": "application/json" },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    return (await res.json()) as T;
  };
  return {
    url: sandbox.url,
    close: () => sandbox.close(),
    post,
    lines: async (endpoint, body) => (await (await post(endpoint, body)).text()).replace(/\n$/, "").split("\n"),
    form: async (endpoint, body) => new URLSearchParams(await (await post(endpoint, body)).text()),
    admin,
    setClock: async (at) => {
      await admin("POST", "clock", { now: at.toISOString() });
    },
    account: async (loginName, extra = {}) => {
      await admin("POST", "accounts", {
        loginName, loginPassword: "pw", funds: 10_000, currency: "USD", creditLimit: 0,
        siteLockEnabled: true, autoRenewDefault: false, ...extra,
      });
    },
    funds: async (loginName) => (await admin<{ funds: number }>("GET", `accounts/${loginName}`)).funds,
  };
}

/** A new SiteLock licence over raw HTTP (responseFormat=1); returns the order number. */
export async function orderLicence(h: Harness, login: string, fields: string): Promise<string> {
  const res = await h.form("!AutoApplyOrder", `loginName=${login}&loginPassword=pw&responseFormat=1&enableAutoRenew=N&${fields}`);
  if (res.get("errorCode") !== "0") throw new Error(`order failed: ${res.toString()}`);
  return res.get("orderNumber") ?? "";
}

export interface LicenceView {
  id: string;
  productCode: number;
  status: string;
  expiresAt: string;
  startsAt: string;
  autoRenew: boolean;
  parentId: string | null;
  termDays: number;
  periodCharge: number;
  reportedStatus: string;
}

export interface OrderView {
  order: { orderNumber: string; status: string; totalCost: number; kind: string; foreignOrderNumber: string | null; licenseIds: string[] };
  licenses: LicenceView[];
}

export async function licences(h: Harness, domainName: string): Promise<LicenceView[]> {
  return (await h.admin<{ licenses: LicenceView[] }>("GET", `licenses?domainName=${domainName}`)).licenses;
}
