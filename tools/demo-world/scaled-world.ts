/**
 * The demo world at any size: a deterministic generator of customers and SiteLock licenses with the
 * shapes of tools/demo-world/demo-data.ts (DemoCustomer / DemoLicense, dates as offsets from an anchor day),
 * so the app's database (tools/demo/scaled-world-db.ts) and the sandbox (POST /__sandbox/seed) can be
 * filled with the same world from nothing but (licenses, seed, anchor, options).
 *
 * "N licenses" counts BASE licenses (SiteLock Monitor/Basic/Pro/Business, 1059-1062); add-ons come
 * on top, one order per base license carrying its add-ons, 3-5 base licenses per customer.
 *
 * Every value of license i depends only on (seed, i) and customer j only on (seed, j): a bigger world
 * with the same seed starts with the smaller one, and nothing is kept in memory beyond one customer
 * (iterate `scaledCustomers`, or `scaledChunks` for batches).
 *
 * Number ranges, clear of the demo (91000xx) and of the sandbox's own order numbers (from 9200001):
 * order numbers 10,000,000 + seed x 1,000,000 + i (i = 1..1,000,000), so seeds never overlap.
 */
import { z } from "zod";
import type { DemoAddOn, DemoCustomer, DemoLicense } from "./demo-data";

export const MAX_SCALED_LICENSES = 1_000_000;
export const MAX_SCALED_SEED = 999;
const DAY_RANGE = 3650;

/** The generator's knobs, shared by the sandbox route and the CLI. */
export const scaledWorldOptions = z
  .strictObject({
    licenses: z.number().int().min(1).max(MAX_SCALED_LICENSES),
    seed: z.number().int().min(0).max(MAX_SCALED_SEED).default(1),
    /** Expiries are spread evenly over [expiryFromDays, expiryToDays] around the anchor day. */
    expiryFromDays: z.number().int().min(-DAY_RANGE).max(DAY_RANGE).default(-30),
    expiryToDays: z.number().int().min(-DAY_RANGE).max(DAY_RANGE).default(365),
    /** Share of base licenses with auto-renew on. */
    autoRenewShare: z.number().min(0).max(1).default(0.6),
  })
  .refine((o) => o.expiryFromDays <= o.expiryToDays, { message: "expiryFromDays must not be after expiryToDays", path: ["expiryToDays"] });

export type ScaledWorldInput = z.input<typeof scaledWorldOptions>;
export type ScaledWorldOptions = z.output<typeof scaledWorldOptions>;

/** Order number of base license i (1-based) of a seed. */
export function scaledOrderNumber(seed: number, i: number): string {
  return String(10_000_000 + seed * 1_000_000 + i);
}

/** Foreign order number (our idempotency key) of base license i of a seed. */
export function scaledForeignOrderNumber(seed: number, i: number): string {
  return `OD-S${seed}-${String(i).padStart(7, "0")}`;
}

/** SiteLock user id of customer j of a seed (numeric, like the demo's 7000001xx). */
export function scaledSlUserId(seed: number, j: number): string {
  return String(1_000_000_000 + seed * 1_000_000 + j);
}

/** Deterministic 32-bit hash of (seed, index, salt) -> [0, 1). */
function rand(seed: number, index: number, salt: number): number {
  let h = Math.imul(seed + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 0x632be5ab, 0xc2b2ae35) ^ Math.imul(salt + 1, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}

const pick = <T>(items: readonly T[], r: number): T => items[Math.floor(r * items.length)]!;

const ADJECTIVES = ["Amber", "Birch", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Indigo", "Juniper", "Kestrel", "Lumen"];
const NOUNS = ["Bakery", "Studio", "Outfitters", "Dental", "Garage", "Books", "Florist", "Labs", "Travel", "Fitness", "Legal", "Coffee"];
const FORENAMES = ["Alex", "Bea", "Chris", "Dana", "Eli", "Fran", "Gus", "Hana", "Ivo", "Jo", "Kai", "Lea"];
const SURNAMES = ["Archer", "Baker", "Cobb", "Doyle", "Evans", "Fischer", "Garcia", "Holm", "Ito", "Jansen", "Kowalski", "Lund"];
const COUNTRIES: ReadonlyArray<{ code: string; phone: string }> = [
  { code: "US", phone: "+1 212 555" },
  { code: "GB", phone: "+44 161 555" },
  { code: "DE", phone: "+49 30 555" },
  { code: "FR", phone: "+33 1 555" },
  { code: "NL", phone: "+31 20 555" },
  { code: "CA", phone: "+1 416 555" },
];

/** Base products and how often each appears (Monitor is the free tier: no add-ons, 365 days only). */
const BASES: ReadonlyArray<{ code: number; weight: number }> = [
  { code: 1059, weight: 0.15 },
  { code: 1060, weight: 0.45 },
  { code: 1061, weight: 0.3 },
  { code: 1062, weight: 0.1 },
];
const MONTHLY_SHARE = 0.25;
const ADD_ON_SHARE = 0.3;

/**
 * The SiteLock products this generator uses: its own short list (this folder imports neither the app nor the
 * sandbox). Names and add-on lists follow the SiteLock products page (SRA overview, "Products & add-ons");
 * the costs are the demo's, equal to the sandbox's invented prices, which
 * tests/sectigo/sandbox/product-table-agreement.test.ts checks code by code. Add-ons are listed backup,
 * TrueShield, DNS: the order in which families are drawn (changing it changes every scaled world).
 */
interface ScaledProduct {
  code: number;
  name: string;
  /** days -> the demo's cost of that term. */
  prices: Readonly<Record<number, number>>;
  family?: "backup" | "dns" | "trueshield";
  addOns?: readonly number[];
}

const SCALED_PRODUCT_LIST: readonly ScaledProduct[] = [
  { code: 1059, name: "SiteLock Monitor", prices: { 365: 0 } },
  { code: 1060, name: "SiteLock Basic", prices: { 30: 9.99, 365: 99.99 }, addOns: [1068, 1069, 1070, 1071, 1078, 1076] },
  { code: 1061, name: "SiteLock Pro", prices: { 30: 29.99, 365: 299.99 }, addOns: [1069, 1070, 1071, 1076] },
  { code: 1062, name: "SiteLock Business", prices: { 30: 59.99, 365: 599.99 }, addOns: [1070, 1071] },
  { code: 1068, name: "5 GB Backup Addon", prices: { 30: 4.99, 365: 49.99 }, family: "backup" },
  { code: 1069, name: "10 GB Backup Addon", prices: { 30: 7.99, 365: 79.99 }, family: "backup" },
  { code: 1070, name: "25 GB Backup Addon", prices: { 30: 12.99, 365: 129.99 }, family: "backup" },
  { code: 1071, name: "TrueShield Addon", prices: { 30: 9.99, 365: 99.99 }, family: "trueshield" },
  { code: 1078, name: "SiteLock DNS - Pro Addon", prices: { 30: 3.99, 365: 39.99 }, family: "dns" },
  { code: 1076, name: "SiteLock DNS - Business Addon", prices: { 30: 6.99, 365: 69.99 }, family: "dns" },
];

export const SCALED_PRODUCTS: ReadonlyMap<number, ScaledProduct> = new Map(SCALED_PRODUCT_LIST.map((p) => [p.code, p] as const));

function product(code: number): ScaledProduct {
  const p = SCALED_PRODUCTS.get(code);
  if (!p) throw new Error(`scaled world: product ${code} is not in its list`);
  return p;
}

function baseProduct(r: number) {
  let acc = 0;
  for (const b of BASES) {
    acc += b.weight;
    if (r < acc) return product(b.code);
  }
  return product(BASES[BASES.length - 1]!.code);
}

/** At most one add-on per family, only those the base product may take (`addOns` above). */
function addOnsFor(baseCode: number, seed: number, i: number): DemoAddOn[] {
  const allowed = (product(baseCode).addOns ?? []).map(product);
  const families = [...new Set(allowed.map((a) => a.family))];
  const out: DemoAddOn[] = [];
  families.forEach((family, f) => {
    if (rand(seed, i, 10 + f) >= ADD_ON_SHARE) return;
    const choice = pick(allowed.filter((a) => a.family === family), rand(seed, i, 20 + f));
    out.push({ productCode: choice.code, productName: choice.name });
  });
  return out;
}

function license(o: ScaledWorldOptions, customerKey: string, i: number): DemoLicense {
  const { seed } = o;
  const base = baseProduct(rand(seed, i, 1));
  const span = o.expiryToDays - o.expiryFromDays + 1;
  // Stratified (i x golden ratio) rather than random: every stretch of the range is hit evenly.
  const expiryOffset = o.expiryFromDays + Math.floor(((i * 0.6180339887498949 + rand(seed, 0, 2)) % 1) * span);
  const monthly = base.prices[30] !== undefined && rand(seed, i, 3) < MONTHLY_SHARE;
  const termDays = monthly ? 30 : 365;
  const addOns = addOnsFor(base.code, seed, i);
  const cost = [base.code, ...addOns.map((a) => a.productCode)].reduce((sum, code) => sum + (product(code).prices[termDays] ?? 0), 0);
  const n = String(i).padStart(7, "0");
  return {
    key: `s${seed}-l${n}`,
    orderNumber: scaledOrderNumber(seed, i),
    foreignOrderNumber: scaledForeignOrderNumber(seed, i),
    productCode: base.code,
    productName: base.name,
    domainName: `${customerKey.split("-")[1]}-site${n}.s${seed}.scale.example`,
    termDays,
    startOffsetDays: expiryOffset - termDays,
    // An expired license with auto-renew on would be one whose renewal failed: Sectigo would renew
    // it at the first call after seeding, behind the app's back. Expired licenses start with it off.
    autoRenew: expiryOffset > 0 && rand(seed, i, 4) < o.autoRenewShare,
    cost: Math.round(cost * 100) / 100,
    addOns,
    state: "active",
  };
}

function customer(seed: number, j: number): Omit<DemoCustomer, "licenses"> {
  const name = `${pick(ADJECTIVES, rand(seed, j, 101))} ${pick(NOUNS, rand(seed, j, 102))} ${j}`;
  const country = pick(COUNTRIES, rand(seed, j, 103));
  const key = `s${seed}-c${String(j).padStart(7, "0")}`;
  return {
    key,
    name,
    email: `owner@c${j}.s${seed}.scale.example`,
    foreName: pick(FORENAMES, rand(seed, j, 104)),
    surName: pick(SURNAMES, rand(seed, j, 105)),
    telephone: `${country.phone} ${String(j % 10_000).padStart(4, "0")}`,
    country: country.code,
  };
}

/** The world's customers, one at a time, each with 3-5 base licenses (the last may have fewer). */
export function* scaledCustomers(input: ScaledWorldInput): Generator<DemoCustomer> {
  const o = scaledWorldOptions.parse(input);
  let next = 1;
  for (let j = 1; next <= o.licenses; j++) {
    const c = customer(o.seed, j);
    const count = Math.min(3 + Math.floor(rand(o.seed, j, 100) * 3), o.licenses - next + 1);
    const licenses: DemoLicense[] = [];
    for (let k = 0; k < count; k++) licenses.push(license(o, c.key, next++));
    yield { ...c, licenses };
  }
}

/** Customers in batches of at least `licensesPerChunk` base licenses (the last batch may be smaller). */
export function* scaledChunks(input: ScaledWorldInput, licensesPerChunk = 5000): Generator<DemoCustomer[]> {
  let chunk: DemoCustomer[] = [];
  let count = 0;
  for (const c of scaledCustomers(input)) {
    chunk.push(c);
    count += c.licenses.length;
    if (count >= licensesPerChunk) {
      yield chunk;
      chunk = [];
      count = 0;
    }
  }
  if (chunk.length > 0) yield chunk;
}
