/**
 * A start (World.open on a data dir) is a bulk load like the seeding: a million licences parsed
 * from the snapshot, each into an object that dies at once. It runs under the same heap policy
 * (core/seeding-heap.ts: V8's old generation grows by 1.2x between full collections during the load
 * only; at 100,000 licences World.open alone peaked at 225-244 MB of RSS without it, 206-214 MB with it). Checked on the
 * V8 flag calls themselves: the policy is set before the load and reset after it, once, also when
 * loads nest. Before: a start set nothing, and a nested load reset the flag under the outer one.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { SNAPSHOT_FILE } from "@/tools/sandbox/core/persistence";
import { withTightHeap } from "@/tools/sandbox/core/seeding-heap";
import { World } from "@/tools/sandbox/core/world";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
afterEach(() => vi.restoreAllMocks());

const TIGHT = "--heap-growing-percent=20";
const DEFAULT = "--heap-growing-percent=0";

describe("the heap policy of a load", () => {
  it("a start reads its saved world with the old generation kept tight, and resets it after", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-load-heap-"));
    dirs.push(dataDir);
    World.open({ dataDir }).world.close(); // a fresh data dir: nothing to load
    const first = World.open({ dataDir }).world;
    first.bulkInsert({ accounts: [] }); // writes the snapshot
    first.close();

    const events: string[] = [];
    vi.spyOn(v8, "setFlagsFromString").mockImplementation((flag: string) => void events.push(flag));
    const openSync = fs.openSync;
    vi.spyOn(fs, "openSync").mockImplementation((file, ...rest) => {
      if (String(file).endsWith(SNAPSHOT_FILE)) events.push("snapshot opened");
      return openSync(file, ...rest);
    });
    World.open({ dataDir }).world.close();
    expect(events).toEqual([TIGHT, "snapshot opened", DEFAULT]);
  });

  it("nested loads set the policy once and reset it when the outermost ends", () => {
    const events: string[] = [];
    vi.spyOn(v8, "setFlagsFromString").mockImplementation((flag: string) => void events.push(flag));
    withTightHeap(() => {
      withTightHeap(() => events.push("inner"));
      events.push("outer, after the inner");
    });
    expect(events).toEqual([TIGHT, "inner", "outer, after the inner", DEFAULT]);
  });
});
