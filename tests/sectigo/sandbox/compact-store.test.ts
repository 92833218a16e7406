/**
 * The world over packed records (issue 19 item 5, core/world.ts): inside a call every lookup of a
 * record hands out the same object (a change made through one reference is seen through the
 * other, and journaled once); outside a call a record is a copy (a stray write cannot change the
 * world without a journal record); the arena's dead copies are reclaimed at a compaction without
 * losing a record, in memory or on disk.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { License } from "@/tools/sandbox/core/types";
import { World } from "@/tools/sandbox/core/world";
import { T0 } from "./helpers";

const LOGIN = "store-test";
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function license(id: string, domainName: string): License {
  return {
    id, loginName: LOGIN, customerId: "c1", productCode: 1060, domainName, termDays: 365, startsAt: T0.toISOString(),
    expiresAt: T0.toISOString(), refundWindowStart: T0.toISOString(), periodCharge: 1, autoRenew: false, status: "active",
    parentId: null, slSiteId: "s", orderNumbers: ["1"], visibility: -1,
  };
}

function open(dataDir?: string, extra: Parameters<typeof World.open>[0] = {}): World {
  const { world } = World.open({ dataDir, ...extra });
  return world;
}

describe("the world over packed records", () => {
  it("hands out one object per record inside a call, and copies outside", () => {
    const w = open();
    w.transaction(() => w.insertLicense(license("l1", "one.example")));
    w.transaction(() => {
      const a = w.license("l1")!;
      const [b] = w.licensesForDomain(LOGIN, "one.example");
      expect(b).toBe(a);
      a.orderNumbers.push("2");
      expect(w.license("l1")!.orderNumbers).toEqual(["1", "2"]);
    });
    expect(w.license("l1")!.orderNumbers).toEqual(["1", "2"]);
    const view = w.license("l1")!;
    view.status = "cancelled"; // outside a call: a copy, the world is unchanged
    expect(w.license("l1")!.status).toBe("active");
  });

  it("reclaims dead copies at a compaction and loses nothing, in memory or after a restart", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-compact-store-"));
    dirs.push(dataDir);
    const w = open(dataDir, { compactAfterBytes: 1, reclaimAfterBytes: 0 });
    w.transaction(() => {
      for (let i = 0; i < 50; i++) w.insertLicense(license(`l${i}`, `d${i}.example`));
    });
    const sizes: number[] = [];
    for (let round = 0; round < 150; round++) {
      w.transaction(() => w.license(`l${round % 50}`)!.orderNumbers.push(String(1000 + round)));
      sizes.push(w.arenaBytes());
    }
    expect(w.license("l7")!.orderNumbers).toEqual(["1", "1007", "1057", "1107"]);
    expect(w.licensesForDomain(LOGIN, "d39.example")[0]!.orderNumbers).toEqual(["1", "1039", "1089", "1139"]);
    w.close();
    const again = open(dataDir);
    try {
      expect(again.license("l7")!.orderNumbers).toEqual(["1", "1007", "1057", "1107"]);
      expect(again.size("licenses")).toBe(50);
      // A world loaded from disk holds only live records. Every commit above compacted; once the dead
      // copies outweighed the live ones the arena started over, so it never grew past ~twice that.
      const live = again.arenaBytes();
      expect(Math.max(...sizes)).toBeLessThan(2.5 * live);
    } finally {
      again.close();
    }
  }, 60_000);
});
