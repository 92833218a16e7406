/** State survives a restart when a dataDir is given; the demo is seeded only into a new state. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_RESELLER } from "@/lib/demo/demo-data";
import { harness, T0, type OrderView } from "./helpers";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sectigo-sandbox-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const login = `loginName=${DEMO_RESELLER.loginName}&loginPassword=${DEMO_RESELLER.password}`;

describe("persistence", () => {
  it("keeps orders, funds, accounts and the clock across a restart", async () => {
    const first = await harness({ dataDir: dir, demo: true, demoAnchor: T0 });
    const order = await first.form(
      "!AutoApplyOrder",
      `${login}&responseFormat=1&product=1060&days=365&domainName=persist.example&appRepEmailAddress=o@persist.example&foreignOrderNumber=OD-P-1`,
    );
    expect(order.get("errorCode")).toBe("0");
    await first.account("made-later", { funds: 42 });
    await first.admin("POST", "clock", { advanceDays: 3 });
    await first.close();
    const saved = JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8")) as { orders: Record<string, unknown> };
    expect(Object.keys(saved.orders)).toContain(order.get("orderNumber"));
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const second = await harness({ dataDir: dir, demo: true, demoAnchor: T0, now: undefined });
    try {
      const view = await second.admin<OrderView>("GET", `orders/${order.get("orderNumber")}`);
      expect(view.order.foreignOrderNumber).toBe("OD-P-1");
      expect(await second.funds(DEMO_RESELLER.loginName)).toBeCloseTo(5000 - 99.99, 2);
      expect(await second.funds("made-later")).toBe(42);
      const clock = await second.admin<{ now: string }>("GET", "clock");
      expect(clock.now).toBe(new Date(T0.getTime() + 3 * 86_400_000).toISOString());
      const next = await second.form(
        "!AutoApplyOrder",
        `${login}&responseFormat=1&product=1060&days=30&domainName=persist2.example&appRepEmailAddress=o@persist2.example`,
      );
      expect(Number(next.get("orderNumber"))).toBe(Number(order.get("orderNumber")) + 1);
    } finally {
      await second.close();
    }
  });

  it("state.json holds passwords: 0600 on the first write, after later writes, and over an old 0644 file", async () => {
    const fresh = path.join(dir, "modes");
    const mode = (file: string) => fs.statSync(file).mode & 0o777;
    const state = path.join(fresh, "state.json");
    const first = await harness({ dataDir: fresh, demo: true, demoAnchor: T0 });
    try {
      expect(mode(state)).toBe(0o600);
      expect(mode(fresh)).toBe(0o700);
      await first.account("later-write", { funds: 1 });
      await first.lines("!getAccountBalance", login);
      expect(mode(state)).toBe(0o600);
    } finally {
      await first.close();
    }
    fs.chmodSync(state, 0o644); // as written by an older sandbox
    const second = await harness({ dataDir: fresh });
    try {
      expect(mode(state)).toBe(0o600);
      expect(await second.funds("later-write")).toBe(1);
    } finally {
      await second.close();
    }
  });

  it("POST /__sandbox/reset starts over (with the demo when asked)", async () => {
    const h = await harness({ dataDir: dir });
    await h.admin("POST", "reset", { demo: false });
    expect((await h.admin<{ accounts: unknown[] }>("GET", "accounts")).accounts).toEqual([]);
    await h.admin("POST", "reset", { demo: true });
    expect((await h.admin<OrderView>("GET", "orders/9100001")).order.foreignOrderNumber).toBe("OD-DEMO-0001");
    await h.close();
  });
});
