/**
 * The compact store's pieces (issue 19 item 5), each against the representation it replaced as the
 * oracle: a packed record unpacks to exactly what JSON.parse(JSON.stringify(record)) gives, with the
 * same field order (the snapshot, journal and admin API write records with JSON.stringify); two
 * records pack to the same string exactly when their JSON is the same (a transaction finds what a
 * call changed that way); the arena gives back every string it was given; the hash index's
 * candidates are filtered, so two pairs that share a hash never see each other's records.
 */
import { describe, expect, it } from "vitest";
import { scaledCustomers, scaledSlUserId, scaledWorldOptions } from "@/tools/demo-world/scaled-world";
import { customerRecord, licenseRecords, seedDemo } from "@/tools/sandbox/core/demo-seed";
import { fnv1a, HashIndex } from "@/tools/sandbox/core/hash-index";
import { RecordArena } from "@/tools/sandbox/core/record-arena";
import { RecordCodec } from "@/tools/sandbox/core/record-codec";
import { emptyState, type License } from "@/tools/sandbox/core/types";
import { World } from "@/tools/sandbox/core/world";
import { T0 } from "./helpers";

const oracle = (row: object) => JSON.stringify(row);

function roundTrip<T extends object>(codec: RecordCodec<T>, key: string, row: T): void {
  const back = codec.decode(key, codec.encode(row));
  expect(JSON.stringify(back)).toBe(oracle(row));
  expect(back).toEqual(JSON.parse(oracle(row)));
}

function demoAndScaledRecords() {
  const anchor = new Date("2030-01-01T00:00:00.000Z");
  const state = emptyState();
  seedDemo(state, anchor);
  const customers = Object.values(state.customers);
  const licenses = Object.values(state.licenses);
  const orders = Object.values(state.orders);
  let j = 0;
  for (const c of scaledCustomers(scaledWorldOptions.parse({ licenses: 400, seed: 7 }))) {
    const customer = customerRecord(c, "orderdesk-demo", scaledSlUserId(7, ++j), anchor);
    customers.push(customer);
    for (const l of c.licenses) {
      const records = licenseRecords(customer, l, anchor);
      licenses.push(...records.licenses);
      orders.push(records.order);
    }
  }
  return { accounts: Object.values(state.accounts), customers, licenses, orders };
}

describe("RecordCodec", () => {
  it("unpacks every demo and scaled-world record to its JSON, field order included", () => {
    const world = demoAndScaledRecords();
    const codec = {
      accounts: new RecordCodec("loginName", new Set(["currency"])),
      customers: new RecordCodec("id", new Set(["loginName", "countryName"])),
      licenses: new RecordCodec("id", new Set(["loginName", "status"])),
      orders: new RecordCodec("orderNumber", new Set(["loginName", "source", "kind", "status", "reseller"])),
    };
    for (const a of world.accounts) roundTrip(codec.accounts, a.loginName, a);
    for (const c of world.customers) roundTrip(codec.customers, c.id, c);
    for (const l of world.licenses) roundTrip(codec.licenses, l.id, l);
    for (const o of world.orders) roundTrip(codec.orders, o.orderNumber, o);
    expect(world.licenses.length).toBeGreaterThan(400);
  }, 30_000);

  it("keeps values that only look like dates or templates exactly as they were", () => {
    const codec = new RecordCodec<Record<string, unknown>>("id", new Set(["kind"]));
    const row = {
      id: "rec-0001",
      kind: "2030-01-01T00:00:00.000Z", // an interned field holding a date
      instant: "2030-01-01T12:34:56.789Z",
      midnight: "2030-01-01T00:00:00.000Z",
      noMillis: "2030-01-01T00:00:00Z",
      notADay: "2030-02-30T00:00:00.000Z",
      old: "1969-12-31T23:59:59.999Z",
      zeros: "order-000-0-00000007",
      long: "ref-12345678901234567890-end",
      digitsOnly: "12345678",
      unicode: "Zoë Ærøskøbing 12 ünïcödé ✓",
      empty: "",
      gone: undefined,
      nothing: null,
      nested: { a: [1, "x-0001"], b: { c: "2030-01-01T00:00:00.000Z" } },
      numbers: [0, -1, 1.5, 1e21],
      yes: true,
    };
    roundTrip(codec, "rec-0001", row);
    expect(Object.keys(codec.decode("rec-0001", codec.encode(row)))).not.toContain("gone");
  });

  it("packs two records to the same string exactly when their JSON is the same, however many templates came between", () => {
    const codec = new RecordCodec<License>("id", new Set(["loginName", "status"]));
    const { licenses } = demoAndScaledRecords();
    const base = licenses.at(-1)!;
    const first = codec.encode(base);
    // Other records (and random tokens) make templates and interned values in between.
    for (let i = 0; i < 30_000; i++) codec.encode({ ...base, id: `x-${i}`, slSiteId: `tok${i}Ab${i * 7}Cd${i % 13}`, status: i % 2 ? "active" : "cancelled" });
    expect(codec.encode(JSON.parse(JSON.stringify(base)) as License)).toBe(first);
    const variants: License[] = [
      { ...base, periodCharge: base.periodCharge + 0.01 },
      { ...base, orderNumbers: [...base.orderNumbers, "9200001"] },
      { ...base, expiresAt: new Date(Date.parse(base.expiresAt) + 1).toISOString() },
      { ...base, autoRenewFailedAt: base.expiresAt },
      { ...base, slSiteId: `${base.slSiteId}0` },
      { ...base, status: "cancelled" },
    ];
    for (const v of variants) {
      expect(oracle(v)).not.toBe(oracle(base));
      expect(codec.encode(v)).not.toBe(first);
      roundTrip(codec, v.id, v);
    }
    // Past the template bound, new strings are written as they are and still read back.
    const late = { ...base, slSiteId: "zz9zz-late-site-42" };
    roundTrip(codec, late.id, late);
  }, 30_000);
});

describe("RecordArena", () => {
  it("gives back every string put in it, across chunks, in UTF-8 and larger than a chunk", () => {
    const arena = new RecordArena();
    const texts = Array.from({ length: 30_000 }, (_, i) => `[${i},"record ${i}","Zoë ✓ ${"x".repeat(i % 300)}"]`);
    texts.push("y".repeat(2 << 20), "after the big one");
    const handles = texts.map((t) => arena.put(t));
    const wrong = handles.filter((h, i) => arena.get(h) !== texts[i]);
    expect(wrong).toEqual([]);
    expect(arena.bytes).toBeGreaterThan(4 << 20 /* more than one chunk */);
  }, 30_000);
});

describe("HashIndex", () => {
  it("answers every key under a shared hash, oldest first, and takes out only the one removed", () => {
    const index = new HashIndex(() => 7); // every pair collides
    index.add("a", "x.example", "l1");
    index.add("a", "y.example", "l2");
    index.add("b", "x.example", 3);
    expect(index.candidates("a", "x.example")).toEqual(["l1", "l2", 3]);
    index.remove("a", "y.example", "l2");
    expect(index.candidates("zzz", "q")).toEqual(["l1", 3]);
    index.remove("a", "x.example", "l1");
    index.remove("b", "x.example", 3);
    expect(index.candidates("a", "x.example")).toEqual([]);
  });

  it("answers as the Map of arrays it replaced, over 20,000 random adds and removes (with collisions and growth)", () => {
    const index = new HashIndex((a, b) => fnv1a(a, b) % 701); // few hashes: long chains, shared slots
    const oracle = new Map<string, Array<string | number>>();
    let seed = 12345;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const pairKey = (a: string, b: string) => `${a}\n${b}`;
    for (let step = 0; step < 20_000; step++) {
      const a = `login${random(3)}`;
      const b = `d${random(2000)}.example`;
      const list = oracle.get(pairKey(a, b)) ?? [];
      if (random(4) === 0 && list.length > 0) {
        const key = list[random(list.length)]!;
        index.remove(a, b, key);
        list.splice(list.lastIndexOf(key), 1);
      } else {
        const key = random(2) ? step : `k${step}`;
        index.add(a, b, key);
        list.push(key);
      }
      oracle.set(pairKey(a, b), list);
    }
    const wrong: string[] = [];
    for (const [pair, list] of oracle) {
      const [a, b] = pair.split("\n") as [string, string];
      const got = index.candidates(a, b).filter((k) => list.includes(k));
      if (JSON.stringify(got) !== JSON.stringify(list)) wrong.push(pair);
    }
    expect(wrong).toEqual([]);
  }, 30_000);

  it("the world keeps only the records that have the pair when two domains share a hash", () => {
    // Two domains whose (login, domain) pairs share an FNV-1a hash, found by search (deterministic).
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const domain = `d${i}.example`;
      const h = fnv1a("store-test", domain);
      const other = seen.get(h);
      if (other) pair = [other, domain];
      else seen.set(h, domain);
    }
    const { world } = World.open({});
    world.clock.set(T0);
    const license = (id: string, domainName: string): License => ({
      id, loginName: "store-test", customerId: "c1", productCode: 1060, domainName, termDays: 365, startsAt: T0.toISOString(),
      expiresAt: T0.toISOString(), refundWindowStart: T0.toISOString(), periodCharge: 1, autoRenew: false, status: "active",
      parentId: null, slSiteId: "s", orderNumbers: ["1"], visibility: -1,
    });
    world.transaction(() => {
      world.insertLicense(license("first", pair![0]));
      world.insertLicense(license("second", pair![1]));
    });
    expect(fnv1a("store-test", pair[0])).toBe(fnv1a("store-test", pair[1]));
    expect(world.licensesForDomain("store-test", pair[0]).map((l) => l.id)).toEqual(["first"]);
    expect(world.licensesForDomain("store-test", pair[1].toUpperCase()).map((l) => l.id)).toEqual(["second"]);
    expect(world.licensesForDomain("other-login", pair[1])).toEqual([]);
  });
});
