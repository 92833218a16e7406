/**
 * State survives a restart when a dataDir is given (snapshot + journal, core/persistence.ts); the
 * demo is seeded only into a new state. A call writes only what it changed, a read writes nothing,
 * a torn last journal record is refused with a message, damage in the middle stops the start.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { seedDemo } from "@/tools/sandbox/core/demo-seed";
import { emptyState } from "@/tools/sandbox/core/types";
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
    // The demo's renewals book has auto-renewals due in those 3 days: Sectigo debits them too.
    const fundsBefore = await first.funds(DEMO_RESELLER.loginName);
    expect(fundsBefore).toBeLessThanOrEqual(5000 - 99.99);
    await first.close();
    expect(fs.readdirSync(dir).sort()).toEqual(["journal.bin", "snapshot.jsonl"]);

    const second = await harness({ dataDir: dir, demo: true, demoAnchor: T0, now: undefined });
    try {
      const view = await second.admin<OrderView>("GET", `orders/${order.get("orderNumber")}`);
      expect(view.order.foreignOrderNumber).toBe("OD-P-1");
      expect(await second.funds(DEMO_RESELLER.loginName)).toBeCloseTo(fundsBefore, 2);
      expect(await second.funds("made-later")).toBe(42);
      const clock = await second.admin<{ now: string }>("GET", "clock");
      expect(clock.now).toBe(new Date(T0.getTime() + 3 * 86_400_000).toISOString());
      const next = await second.form(
        "!AutoApplyOrder",
        `${login}&responseFormat=1&product=1060&days=30&domainName=persist2.example&appRepEmailAddress=o@persist2.example`,
      );
      // The counter carries on from the last number used (the demo's auto-renewals due in those 3 days took some).
      const nextNumber = Number(next.get("orderNumber"));
      expect(nextNumber).toBeGreaterThan(Number(order.get("orderNumber")));
      expect((await second.admin<OrderView>("GET", `orders/${nextNumber - 1}`)).order.orderNumber).toBe(String(nextNumber - 1));
    } finally {
      await second.close();
    }
  });

  it("the saved files hold passwords: 0600 on the first write, after later writes, and over an old 0644 file", async () => {
    const fresh = path.join(dir, "modes");
    const mode = (file: string) => fs.statSync(file).mode & 0o777;
    const snapshot = path.join(fresh, "snapshot.jsonl");
    const journal = path.join(fresh, "journal.bin");
    const first = await harness({ dataDir: fresh, demo: true, demoAnchor: T0 });
    try {
      expect(mode(snapshot)).toBe(0o600);
      expect(mode(journal)).toBe(0o600);
      expect(mode(fresh)).toBe(0o700);
      await first.account("later-write", { funds: 1 });
      expect(mode(journal)).toBe(0o600);
    } finally {
      await first.close();
    }
    fs.chmodSync(journal, 0o644); // as left by hand or an older tool
    const second = await harness({ dataDir: fresh });
    try {
      expect(await second.funds("later-write")).toBe(1);
      await second.account("second-write", { funds: 2 });
      expect(mode(journal)).toBe(0o600);
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

describe("what a call writes", () => {
  const fresh = () => fs.mkdtempSync(path.join(dir, "writes-"));
  const journalSize = (d: string) => fs.statSync(path.join(d, "journal.bin")).size;
  const newOrder = (i: number) =>
    `${login}&responseFormat=1&product=1060&days=365&domainName=w${i}.example&appRepEmailAddress=o@w${i}.example`;

  it("reads, refusals and test orders leave the journal as it was (test=Y only consumes its order number)", async () => {
    const d = fresh();
    const h = await harness({ dataDir: d, demo: true, demoAnchor: T0 });
    try {
      const before = journalSize(d);
      expect((await h.lines("!getAccountBalance", login))[0]).toBe("0");
      expect((await h.form("!WebHostReport", login)).get("errorCode")).toBe("0");
      expect((await h.lines("!getAccountBalance", `loginName=${DEMO_RESELLER.loginName}&loginPassword=wrong`))[0]).toBe("-16");
      expect((await h.form("!AutoApplyOrder", `${login}&responseFormat=1&product=1060&days=365&domainName=shop.example&appRepEmailAddress=x`)).get("errorCode")).not.toBe("0");
      await h.admin("GET", "orders/9100001");
      expect(journalSize(d)).toBe(before);

      expect((await h.form("!AutoApplyOrder", `${newOrder(0)}&test=Y`)).get("errorCode")).toBe("0");
      const afterTest = journalSize(d);
      expect(afterTest - before).toBeGreaterThan(0);
      expect(afterTest - before).toBeLessThan(80); // the counter alone, no order, license or funds
    } finally {
      await h.close();
    }
  });

  it("an order appends a few hundred bytes, however large the world", async () => {
    const small = fresh();
    const large = fresh();
    const grow = async (d: string, extra: number) => {
      const h = await harness({ dataDir: d, demo: true, demoAnchor: T0 });
      try {
        await h.account(DEMO_RESELLER.loginName, { loginPassword: DEMO_RESELLER.password, funds: 1_000_000 });
        for (let i = 0; i < extra; i++) expect((await h.form("!AutoApplyOrder", newOrder(1000 + i))).get("errorCode")).toBe("0");
        const before = journalSize(d);
        expect((await h.form("!AutoApplyOrder", newOrder(1))).get("errorCode")).toBe("0");
        return journalSize(d) - before;
      } finally {
        await h.close();
      }
    };
    const inSmall = await grow(small, 0);
    const inLarge = await grow(large, 300);
    // A new customer, license and order plus the funds: ~1.2 kB of JSON, deflated with the preset
    // dictionary to under 200 bytes (it depends on how far the ids are from the dictionary's).
    expect(inSmall).toBeLessThan(400);
    expect(inLarge).toBeLessThan(400);
  });

  it("the journal is folded into a new snapshot when it grows past its limit, and nothing is lost", async () => {
    const d = fresh();
    const h = await harness({ dataDir: d, demo: true, demoAnchor: T0, compactAfterBytes: 2_000 });
    const numbers: string[] = [];
    try {
      for (let i = 0; i < 12; i++) numbers.push((await h.form("!AutoApplyOrder", newOrder(2000 + i))).get("orderNumber")!);
      expect(journalSize(d)).toBeLessThan(2_000);
    } finally {
      await h.close();
    }
    const again = await harness({ dataDir: d, now: undefined });
    try {
      for (const n of numbers) expect((await again.admin<OrderView>("GET", `orders/${n}`)).order.orderNumber).toBe(n);
      expect(await again.funds(DEMO_RESELLER.loginName)).toBeCloseTo(5000 - 12 * 99.99, 2);
    } finally {
      await again.close();
    }
  });
});

describe("damaged files", () => {
  const seeded = async () => {
    const d = fs.mkdtempSync(path.join(dir, "damage-"));
    const h = await harness({ dataDir: d, demo: true, demoAnchor: T0 });
    const numbers: string[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        numbers.push((await h.form("!AutoApplyOrder", `${login}&responseFormat=1&product=1060&days=365&domainName=d${i}.example&appRepEmailAddress=o@d${i}.example`)).get("orderNumber")!);
      }
    } finally {
      await h.close();
    }
    return { d, journal: path.join(d, "journal.bin"), numbers };
  };

  it("a torn last record (a crash in the middle of a write) is refused with a message; everything before it loads", async () => {
    const { d, journal, numbers } = await seeded();
    const whole = fs.readFileSync(journal);
    // The last frame cut in half, as a crash mid-write leaves it.
    const lastStart = frameStarts(whole).at(-1)!;
    fs.writeFileSync(journal, whole.subarray(0, lastStart + Math.floor((whole.length - lastStart) / 2)));
    const warnings: string[] = [];
    const h = await harness({ dataDir: d, now: undefined, warn: (m) => warnings.push(m) });
    try {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/ended with an incomplete record .* never answered, so the record is refused/);
      expect((await h.adminRaw("GET", `orders/${numbers[2]}`)).status).toBe(404);
      for (const n of numbers.slice(0, 2)) expect((await h.admin<OrderView>("GET", `orders/${n}`)).order.orderNumber).toBe(n);
      expect(fs.statSync(journal).size).toBe(lastStart);
      expect(fs.readdirSync(d).some((f) => f.startsWith("journal.bin.torn-"))).toBe(true);
      expect(await h.funds(DEMO_RESELLER.loginName)).toBeCloseTo(5000 - 2 * 99.99, 2);
    } finally {
      await h.close();
    }
  });

  it("a damaged record with intact records after it stops the start with a clear message", async () => {
    const { d, journal } = await seeded();
    const whole = fs.readFileSync(journal);
    const second = frameStarts(whole)[1]!;
    whole[second + 12] = whole[second + 12]! ^ 0xff; // a flipped byte inside the second record's payload
    fs.writeFileSync(journal, whole);
    await expect(harness({ dataDir: d, now: undefined })).rejects.toThrow(/journal .* is damaged at byte \d+ .* intact records follow it[\s\S]*Move the data directory away/);
  });

  it("a snapshot cut short stops the start with a clear message", async () => {
    const { d } = await seeded();
    const snapshot = path.join(d, "snapshot.jsonl");
    const text = fs.readFileSync(snapshot, "utf8");
    fs.writeFileSync(snapshot, text.slice(0, Math.floor(text.length / 2)));
    await expect(harness({ dataDir: d, now: undefined })).rejects.toThrow(/snapshot .* (cut short|damaged line|without its full record count)/);
  });

  it("a version 1 state.json (one file rewritten per call) is read once and replaced by snapshot + journal", async () => {
    const d = fs.mkdtempSync(path.join(dir, "legacy-"));
    const state = emptyState();
    seedDemo(state, T0);
    fs.writeFileSync(path.join(d, "state.json"), JSON.stringify(state), { mode: 0o600 });
    const h = await harness({ dataDir: d, now: undefined });
    try {
      expect((await h.admin<OrderView>("GET", "orders/9100001")).order.foreignOrderNumber).toBe("OD-DEMO-0001");
      expect(fs.readdirSync(d).sort()).toEqual(["journal.bin", "lock", "snapshot.jsonl"]);
    } finally {
      await h.close();
    }
  });
});

describe("one sandbox per data dir", () => {
  it("a second sandbox on a data dir in use is refused with a message; a lock left by a killed one is taken over", async () => {
    const d = fs.mkdtempSync(path.join(dir, "lock-"));
    const first = await harness({ dataDir: d, demo: true, demoAnchor: T0 });
    try {
      await expect(harness({ dataDir: d, now: undefined })).rejects.toThrow(new RegExp(`Another Sectigo sandbox \\(process ${process.pid}\\) is using`));
    } finally {
      await first.close();
    }
    expect(fs.existsSync(path.join(d, "lock"))).toBe(false);
    fs.writeFileSync(path.join(d, "lock"), "999999999\n"); // a process that no longer exists
    const again = await harness({ dataDir: d, now: undefined });
    await again.close();
  });
});

/** Offsets of the journal's frames: [u32 length][u32 crc][u8 format][payload]. */
function frameStarts(buf: Buffer): number[] {
  const starts: number[] = [];
  for (let offset = 0; offset + 9 <= buf.length; offset += 9 + buf.readUInt32LE(offset)) starts.push(offset);
  return starts;
}
