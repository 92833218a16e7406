/**
 * Review of issue 7's store (core/world.ts, core/persistence.ts): cases that break its promises.
 * - all-or-nothing: a call whose journal write or snapshot fails must not stay in memory (memory
 *   ahead of disk = answered as a failure but kept, then lost or fatal at the next start);
 * - a short write (what ENOSPC does to a regular file) must not leave half a frame that later
 *   frames follow (the next start then refuses the whole world);
 * - a record handed out by the outer transaction stays live across a nested dryRun (test=Y);
 * - a frame of an unknown (future) format is not a "torn tail" to be cut off silently;
 * - two processes on one data dir: the second is refused, or nothing acknowledged is lost.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { World } from "@/tools/sandbox/core/world";
import { CorruptStateError } from "@/tools/sandbox/core/persistence";
import { emptyState, type Account, type Customer } from "@/tools/sandbox/core/types";
import { T0 } from "./helpers";

const root = path.resolve(import.meta.dirname, "../../..");
const base = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-review-"));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

let dirs = 0;
function freshDir(): string {
  return path.join(base, `w${++dirs}`);
}

function account(w: World, loginName: string, funds = 100): Account {
  return {
    loginName, loginPassword: "pw", accountId: w.nextAccountId(), funds, currency: "USD",
    creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false, callLimitPerMinute: null,
  };
}

function customer(id: string): Customer {
  return { id, loginName: "r", email: `${id}@example.com`, name: id, address: {}, siteLockLogin: id, slUserId: "1", createdAt: T0.toISOString() };
}

/** A saved world with one account "r" (funds 100): snapshot written, journal open. */
function savedWorld(dataDir: string): World {
  const { world } = World.open({ dataDir, warn: () => {} });
  world.replaceState(emptyState());
  world.transaction(() => world.insertAccount(account(world, "r")));
  return world;
}

function enospc(): never {
  throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" });
}

describe("review: a failed write never leaves memory ahead of disk", () => {
  it("a transaction whose journal write fails (ENOSPC) is taken back in memory", () => {
    const dataDir = freshDir();
    const w = savedWorld(dataDir);
    vi.spyOn(fs, "writeSync").mockImplementationOnce(enospc);
    expect(() => w.transaction(() => void (w.account("r")!.funds = 1))).toThrow(/ENOSPC/);
    vi.restoreAllMocks();
    // The caller was told the call failed (-14): the debit must not be in memory either.
    expect(w.account("r")!.funds).toBe(100);
    w.close();
    expect(World.open({ dataDir, warn: () => {} }).world.account("r")!.funds).toBe(w.account("r")!.funds);
  });

  it("a short journal write (disk full mid-frame) does not make the next start refuse every later call", () => {
    const dataDir = freshDir();
    const w = savedWorld(dataDir);
    const realWrite = fs.writeSync.bind(fs) as (fd: number, buffer: Buffer) => number;
    // write(2) on a full file system writes what fits and returns the count; Node does not loop.
    vi.spyOn(fs, "writeSync").mockImplementationOnce(((fd: number, buffer: Buffer) => realWrite(fd, buffer.subarray(0, 5))) as typeof fs.writeSync);
    let firstAcknowledged = true;
    try {
      w.transaction(() => void (w.account("r")!.funds = 50));
    } catch {
      firstAcknowledged = false;
    }
    vi.restoreAllMocks();
    w.transaction(() => w.insertAccount(account(w, "after")));
    w.close();
    let reopened: World | undefined;
    expect(() => (reopened = World.open({ dataDir, warn: () => {} }).world)).not.toThrow();
    expect(reopened!.account("after")?.funds).toBe(100);
    expect(reopened!.account("r")!.funds).toBe(firstAcknowledged ? 50 : 100);
  });

  it("a bulk seed whose snapshot cannot be written is not kept in memory (a later change to it bricks the data dir)", () => {
    const dataDir = freshDir();
    const w = savedWorld(dataDir);
    vi.spyOn(fs, "writeSync").mockImplementationOnce(enospc);
    expect(() => w.bulkInsert({ customers: [customer("seeded")] })).toThrow(/ENOSPC/);
    vi.restoreAllMocks();
    expect(w.size("customers")).toBe(0);
    // What the sandbox does next if it was kept: a call changes the seeded record, journaled as a diff.
    w.transaction(() => {
      const c = w.customer("seeded");
      if (c) c.name = "changed";
    });
    w.close();
    let reopened: World | undefined;
    expect(() => (reopened = World.open({ dataDir, warn: () => {} }).world)).not.toThrow();
    expect(reopened!.size("customers")).toBe(w.size("customers"));
  });
});

describe("review: nested dryRun (test=Y inside a call)", () => {
  it("a record the outer transaction obtained before the dryRun is still the live record after it", () => {
    const w = savedWorld(freshDir());
    w.transaction(() => {
      const a = w.account("r")!;
      w.dryRun(() => void (a.funds = 0));
      a.funds = 7; // the outer call goes on with the reference it holds
    });
    expect(w.account("r")!.funds).toBe(7);
  });
});

describe("review: journal frames", () => {
  it("a complete frame of an unknown (newer) format at the end is refused, not cut off as a torn write", () => {
    const dataDir = freshDir();
    const w = savedWorld(dataDir);
    w.close();
    const journal = path.join(dataDir, "journal.bin");
    const payload = Buffer.from(JSON.stringify({ seq: 2, changes: [], note: "written by a newer sandbox" }));
    const frame = Buffer.alloc(9 + payload.length);
    frame.writeUInt32LE(payload.length, 0);
    frame.writeUInt8(2, 8);
    payload.copy(frame, 9);
    frame.writeUInt32LE(zlib.crc32(frame.subarray(8)), 4);
    fs.appendFileSync(journal, frame);
    const size = fs.statSync(journal).size;
    const warnings: string[] = [];
    expect(() => World.open({ dataDir, warn: (m) => warnings.push(m) })).toThrow(CorruptStateError);
    expect(fs.statSync(journal).size).toBe(size);
  });
});

describe("review: two processes on one data dir", () => {
  it("a second sandbox on the same dir is refused, or every acknowledged change of both survives", () => {
    const dataDir = freshDir();
    const w = savedWorld(dataDir);
    const script = `
      import { World } from "./tools/sandbox/core/world.ts";
      const { world } = World.open({ dataDir: ${JSON.stringify(dataDir)}, warn: () => {} });
      world.transaction(() => world.insertAccount({ loginName: "child", loginPassword: "pw", accountId: world.nextAccountId(), funds: 5,
        currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false, callLimitPerMinute: null }));
      world.close();`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
    const childAcknowledged = child.status === 0;
    w.transaction(() => w.insertAccount(account(w, "parent")));
    w.close();
    let reopened: World | undefined;
    expect(() => (reopened = World.open({ dataDir, warn: () => {} }).world)).not.toThrow();
    expect(reopened!.account("parent")?.funds).toBe(100);
    expect(reopened!.account("child") !== undefined).toBe(childAcknowledged);
  });
});
