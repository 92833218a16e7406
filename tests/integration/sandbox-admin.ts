import { expect } from "vitest";

/** The sandbox's admin API (/__sandbox/*) for a test file; `sandbox` is read at call time (set in beforeAll). */
export function sandboxAdmin(sandbox: () => { url: string; adminToken: string }) {
  return async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { url, adminToken } = sandbox();
    const res = await fetch(`${url}/__sandbox/${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${method} ${path}: ${res.ok ? "" : await res.clone().text()}`).toBeLessThan(300);
    return (await res.json()) as T;
  };
}
