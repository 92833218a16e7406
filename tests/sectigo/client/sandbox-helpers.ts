/**
 * Starts the independent sandbox through its public entry point only and drives its admin routes.
 * Nothing from the sandbox's internals is imported.
 */
import { startSandbox } from "@/tools/sandbox/server";
import { createSectigoClient } from "@/lib/sectigo/client";
import type { RecordedCall, SectigoClientConfig } from "@/lib/sectigo/client";

export const DAY_MS = 86_400_000;

export interface TestAccount {
  loginName: string;
  loginPassword: string;
}

let counter = 0;
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

export async function startTestSandbox(options: { now?: Date; demo?: boolean; demoAnchor?: Date } = {}) {
  const sandbox = await startSandbox({ port: 0, ...options });
  const origin = new URL(sandbox.url).origin;
  const productsUrl = `${origin}/products/`;

  async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${origin}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${sandbox.adminToken}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox admin ${method} ${path} → HTTP ${res.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  async function createAccount(overrides: Record<string, unknown> = {}): Promise<TestAccount> {
    const account = {
      loginName: uniqueName("acct"),
      loginPassword: `pw-${uniqueName("secret")}`,
      funds: 100_000,
      currency: "USD",
      creditLimit: 0,
      siteLockEnabled: true,
      autoRenewDefault: false,
      ...overrides,
    };
    await admin("POST", "/__sandbox/accounts", account);
    return { loginName: account.loginName as string, loginPassword: account.loginPassword as string };
  }

  function client(account: TestAccount, extra: Partial<SectigoClientConfig> = {}) {
    const recorded: RecordedCall[] = [];
    const c = createSectigoClient({
      baseUrl: productsUrl,
      mode: "SANDBOX",
      ...account,
      timeoutMs: 5_000,
      recorder: (call) => void recorded.push(call),
      ...extra,
    });
    return { client: c, recorded };
  }

  return {
    sandbox,
    origin,
    productsUrl,
    admin,
    createAccount,
    client,
    setClock: (now: Date) => admin("POST", "/__sandbox/clock", { now: now.toISOString() }),
    advanceDays: (advanceDays: number) => admin("POST", "/__sandbox/clock", { advanceDays }),
    fault: (fault: Record<string, unknown>) => admin("POST", "/__sandbox/faults", fault),
    clearFaults: () => admin("DELETE", "/__sandbox/faults"),
    ordersByForeignNumber: (foreignOrderNumber: string) =>
      admin("GET", `/__sandbox/orders?foreignOrderNumber=${encodeURIComponent(foreignOrderNumber)}`),
    close: () => sandbox.close(),
  };
}

export type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

/**
 * A fetch that alters the outgoing request before it reaches the sandbox. Used only to provoke
 * error codes the typed client can never produce itself (unknown/missing parameters, GET).
 */
export function tamperingFetch(change: (body: URLSearchParams) => void, method?: "GET") {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const body = new URLSearchParams(String(init?.body ?? ""));
    change(body);
    if (method === "GET") {
      const url = new URL(String(input));
      url.search = body.toString();
      return fetch(url, { method: "GET", signal: init?.signal ?? null });
    }
    return fetch(input, { ...init, body: body.toString() });
  }) as typeof fetch;
}

/** Number of orders the admin route reports (accepts a bare array or `{ orders: [...] }`). */
export function countOrders(payload: unknown): number {
  if (Array.isArray(payload)) return payload.length;
  if (payload && typeof payload === "object") {
    const o = payload as Record<string, unknown>;
    for (const key of ["orders", "items", "results"]) if (Array.isArray(o[key])) return (o[key] as unknown[]).length;
  }
  return 0;
}
