/**
 * Crash safety (issue 7): the sandbox CLI is killed with SIGKILL in the middle of a burst of
 * AutoApplyOrder calls (8 clients; the kill fires on a count of acknowledged answers, no sleeps),
 * then restarted on the same data dir. Every acknowledged order (errorCode 0 + orderNumber) must be
 * there, and the funds must be debited exactly once for every order the sandbox holds — acknowledged
 * or caught by the kill between the write and the answer.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import type { OrderView } from "./helpers";

const root = path.resolve(import.meta.dirname, "../../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-crash-"));
const token = randomBytes(24).toString("hex");
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const LOGIN = "crash-reseller";
const START_FUNDS = 1_000_000;
const CALLS = 300;
const CLIENTS = 8;
const KILL_AFTER = 60;

/** Starts the CLI on a random port over `dataDir`; resolves with its URL once it listens. */
function startCli(): Promise<{ url: string; child: ChildProcess }> {
  const env: NodeJS.ProcessEnv = { ...process.env, SANDBOX_PORT: "0", SANDBOX_DATA_DIR: dataDir, SANDBOX_DEMO: "0", SANDBOX_ADMIN_TOKEN: token };
  delete env.SANDBOX_LOG;
  const child = spawn(process.execPath, ["--import", "tsx", "tools/sandbox/cli.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve({ url, child });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", () => reject(new Error(`sandbox CLI exited early: ${output}`)));
  });
}

const admin = async <T,>(url: string, method: string, route: string, body?: unknown): Promise<{ status: number; json: T }> => {
  const res = await fetch(`${url}/__sandbox/${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
};

const orderBody = (i: number) =>
  new URLSearchParams({
    loginName: LOGIN, loginPassword: "pw", responseFormat: "1", enableAutoRenew: "N",
    // Mixed prices: a double debit cannot hide behind a multiple of one price.
    product: i % 3 === 0 ? "1061,1071" : "1060", days: "365",
    domainName: `c${i}.crash.example`, appRepEmailAddress: `o@c${i}.crash.example`, foreignOrderNumber: `OD-CRASH-${i}`,
  }).toString();

const cents = (amount: number) => Math.round(amount * 100);

it("kill -9 during a burst of orders loses no acknowledged order and debits each held order once", { timeout: 20_000 }, async () => {
  const first = await startCli();
  expect((await admin(first.url, "POST", "accounts", { loginName: LOGIN, loginPassword: "pw", funds: START_FUNDS })).status).toBe(200);
  const exited = new Promise<void>((resolve) => first.child.once("exit", () => resolve()));

  const acknowledged = new Map<string, string>(); // foreignOrderNumber -> orderNumber
  let unanswered = 0;
  let next = 0;
  let killed = false;
  const client = async () => {
    while (next < CALLS && !killed) {
      const i = next++;
      let text: string;
      try {
        const res = await fetch(`${first.url}/products/!AutoApplyOrder`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: orderBody(i),
        });
        text = await res.text();
      } catch (error) {
        if (!killed) throw error;
        unanswered++; // in flight when the process died: may or may not be held
        continue;
      }
      const answer = new URLSearchParams(text);
      expect(answer.get("errorCode"), text).toBe("0");
      acknowledged.set(`OD-CRASH-${i}`, answer.get("orderNumber") ?? "");
      if (acknowledged.size === KILL_AFTER && !killed) {
        killed = true;
        first.child.kill("SIGKILL");
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  await exited;
  expect(first.child.signalCode).toBe("SIGKILL");
  expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(next).toBeLessThan(CALLS); // the kill landed in the middle of the burst

  const second = await startCli();
  try {
    for (const [foreign, orderNumber] of acknowledged) {
      const view = await admin<OrderView>(second.url, "GET", `orders/${orderNumber}`);
      expect(view.status, `acknowledged order ${orderNumber} lost`).toBe(200);
      expect(view.json.order.foreignOrderNumber).toBe(foreign);
      expect(view.json.licenses.length).toBeGreaterThan(0);
    }
    const held = (await admin<{ orders: OrderView[] }>(second.url, "GET", `orders?loginName=${LOGIN}`)).json.orders;
    const foreigns = held.map((v) => v.order.foreignOrderNumber ?? "");
    expect(new Set(foreigns).size).toBe(held.length); // no order held twice
    expect(foreigns.every((f) => /^OD-CRASH-\d+$/.test(f) && Number(f.slice(9)) < next)).toBe(true);
    expect(held.length).toBeGreaterThanOrEqual(acknowledged.size);
    expect(held.length).toBeLessThanOrEqual(acknowledged.size + unanswered);

    const charged = held.reduce((sum, v) => sum + cents(v.order.totalCost), 0);
    const account = await admin<{ funds: number }>(second.url, "GET", `accounts/${LOGIN}`);
    expect(cents(account.json.funds)).toBe(cents(START_FUNDS) - charged);
    const balance = new URLSearchParams(
      await (await fetch(`${second.url}/products/!getAccountBalance`, { method: "POST", body: new URLSearchParams({ loginName: LOGIN, loginPassword: "pw", responseFormat: "1" }) })).text(),
    );
    expect(cents(Number(balance.get("balance")))).toBe(cents(START_FUNDS) - charged);

    // Numbering goes on after the restart: the next order gets a number no held order has.
    const after = new URLSearchParams(
      await (await fetch(`${second.url}/products/!AutoApplyOrder`, { method: "POST", body: new URLSearchParams(orderBody(CALLS)) })).text(),
    );
    expect(after.get("errorCode")).toBe("0");
    expect(held.map((v) => v.order.orderNumber)).not.toContain(after.get("orderNumber"));
  } finally {
    const gone = new Promise<void>((resolve) => second.child.once("exit", () => resolve()));
    second.child.kill("SIGTERM");
    await gone;
  }
});
