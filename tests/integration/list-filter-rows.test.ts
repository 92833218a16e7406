/**
 * Issue 17, item 1, on a seeded database (the demo world and its renewals book): for filters
 * generated from the renewals workspace's own query schema (each field's options, empty and blank
 * values, combinations), the rows the page lists (every page, following its own "Next" links),
 * the rows its "Export CSV" link exports and the rows its "Renew all that match" link previews are
 * the same rows, and they are the rows a small model of the filter picks from all licenses: a model
 * written from what the form says (an empty value is "Any"), sharing no code with the query builders
 * but the bucket rule (`expiryBucket`, itself checked against the SQL in expiry-workspace.test.ts).
 */
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { generateKey } from "@/lib/crypto/credentials";
import { anchorDay } from "@/tools/demo-world/demo-data";
import type { Actor } from "@/lib/auth/session";
import { expiryBucket } from "@/lib/licenses/rules/status";
import { PRODUCTS } from "@/lib/catalog";
import { startSandbox } from "@/tools/sandbox/server";
import { namedValues, shapeOf, valuesFor } from "@/tests/fixtures/list-query-values";
import { startTestDatabase, setAppEnv } from "./test-database";

const manager: Actor = { id: "demo-user-account_manager", email: "manager@orderdesk.test", name: "Mia", role: "ACCOUNT_MANAGER" };
let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let conn: pg.Client;
const anchor = anchorDay(new Date());
const now = new Date();

let prisma: (typeof import("@/lib/db"))["prisma"];
let ws: typeof import("@/lib/licenses/expiry-workspace/workspace");
let links: typeof import("@/lib/licenses/expiry-workspace/links");
let exportChunks: (typeof import("@/lib/licenses/expiry-workspace/export"))["exportChunks"];
let preview: typeof import("@/lib/licenses/bulk-renewal/preview-renewal-run");
let selection: typeof import("@/lib/licenses/bulk-renewal/run-selection");
let eligibility: (typeof import("@/lib/licenses/bulk-renewal/renewal-deps"))["eligibility"];

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  setAppEnv(db.url, generateKey());
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchor });
  ({ prisma } = await import("@/lib/db"));
  const { seedDemo } = await import("@/tools/demo/seed-demo");
  await seedDemo(prisma as never, { anchor, credentialsKey: process.env.CREDENTIALS_KEY!, sandboxUrl: `${sandbox.url}/products/` });
  ws = await import("@/lib/licenses/expiry-workspace/workspace");
  links = await import("@/lib/licenses/expiry-workspace/links");
  ({ exportChunks } = await import("@/lib/licenses/expiry-workspace/export"));
  preview = await import("@/lib/licenses/bulk-renewal/preview-renewal-run");
  selection = await import("@/lib/licenses/bulk-renewal/run-selection");
  ({ eligibility } = await import("@/lib/licenses/bulk-renewal/renewal-deps"));
  conn = new pg.Client({ connectionString: db.url });
  await conn.connect();
});
afterAll(async () => {
  await conn?.end();
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

type Raw = Record<string, string>;
const blank = (v: string | undefined) => v === undefined || v.trim() === "";

/** SiteLock plan tier -> product IDs, from the catalog entries themselves. */
function tierCodes(tier: number): number[] {
  return PRODUCTS.filter((p) => p.sitelock?.kind === "base" && p.sitelock.tier === tier && p.productId !== undefined).map((p) => p.productId!);
}

interface ModelLicense {
  id: string;
  status: Parameters<typeof expiryBucket>[0]["status"];
  expiresAt: Date | null;
  customerId: string;
  productCode: number;
  autoRenew: boolean;
  customer: { accountManagerId: string | null };
}

/**
 * The filter as the form describes it: "Any" (an empty value) does not filter; a value the form
 * could have sent filters on it. A value the page refuses (it says so) filters nothing; the model
 * knows refusals only by the page's message list, which it checks separately.
 */
function model(all: ModelLicense[], raw: Raw, refused: Set<string>): Set<string> {
  const given = (k: string) => (blank(raw[k]) || refused.has(k) ? undefined : raw[k]!.trim());
  const bucket = given("bucket");
  return new Set(
    all
      .filter((l) => {
        const b = expiryBucket(l, now);
        if (b === null) return false;
        if (bucket !== undefined && bucket !== "any" && b !== bucket) return false;
        if (given("customer") !== undefined && l.customerId !== given("customer")) return false;
        if (given("product") !== undefined && l.productCode !== Number(given("product"))) return false;
        if (given("tier") !== undefined && !tierCodes(Number(given("tier"))).includes(l.productCode)) return false;
        const auto = given("autoRenew");
        if (auto === "on" && !l.autoRenew) return false;
        if (auto === "off" && l.autoRenew) return false;
        const m = given("manager");
        if (m !== undefined && l.customer.accountManagerId !== (m === "none" ? null : m)) return false;
        return true;
      })
      .map((l) => l.id),
  );
}

/** Every row of the list, page after page, following the page's own Next link. */
async function listed(raw: Raw): Promise<{ ids: string[]; query: ReturnType<typeof ws.parseWorkspaceQuery>["query"]; problems: string[] }> {
  const { query, problems } = ws.parseWorkspaceQuery(raw);
  const ids: string[] = [];
  let q = query;
  for (let guard = 0; guard < 100; guard++) {
    const page = await ws.listPage(q, now, 40);
    ids.push(...page.rows.map((r) => r.id));
    const next = links.workspaceLinks(q, page).nextHref;
    if (!next) break;
    q = ws.parseWorkspaceQuery(Object.fromEntries(new URL(next, "http://desk.test").searchParams)).query;
  }
  return { ids, query, problems };
}

async function exported(href: string): Promise<string[]> {
  const query = ws.parseWorkspaceQuery(Object.fromEntries(new URL(href, "http://desk.test").searchParams)).query;
  const chunks: Uint8Array[] = [];
  for await (const chunk of exportChunks(conn, query, now, 13)) chunks.push(chunk);
  const lines = Buffer.concat(chunks).toString("utf8").trim().split(/\r?\n/).slice(1);
  // The first column is the license id (plain [A-Za-z0-9_-] text, never quoted).
  return lines.map((line) => line.split(",")[0]!);
}

async function previewed(href: string): Promise<string[]> {
  const parsed = selection.parseRunSelection(Object.fromEntries(new URL(href, "http://desk.test").searchParams));
  if (!parsed.ok) throw new Error(parsed.message);
  const p = await preview.previewRenewalRun(manager, parsed.selection, { db: prisma as never, eligibility, now: () => now });
  if (!p.ok) return p.message === "No license matches this filter." ? [] : [`refused: ${p.message}`];
  return [...p.accepted, ...p.refused].map((l) => l.licenseId);
}

describe("renewals: the rows listed, exported and previewed for a filter (issue 17, item 1)", () => {
  it("are the same rows, those the filter as shown picks, for generated filters with empty values and combinations", async () => {
    const all = (await prisma.license.findMany({
      select: { id: true, status: true, expiresAt: true, customerId: true, productCode: true, autoRenew: true, customer: { select: { accountManagerId: true } } },
    })) as ModelLicense[];
    const shape = shapeOf(ws.workspaceQuerySchema);
    // Real values to filter on, beside each field's schema options and the generic text.
    const inWindow = all.filter((l) => expiryBucket(l, now) !== null);
    const offered: Record<string, string[]> = {
      customer: [...new Set(inWindow.map((l) => l.customerId))].slice(0, 4),
      product: [...new Set(inWindow.map((l) => String(l.productCode)))],
      tier: ["0", "1", "2", "3"],
      manager: [manager.id],
    };
    // Every field of the schema but the cursor (the list walks its own pages); sort and dir too: the CSV keeps the list's order.
    const fields = Object.keys(shape).filter((k) => k !== "after");
    // Mostly values the form offers (or its empty "Any"), sometimes any text a URL may carry.
    const valueOf = (k: string) =>
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom("", ...namedValues(shape[k]!), ...(offered[k] ?? [])) }, { weight: 1, arbitrary: fc.constantFrom(...valuesFor(shape[k], offered[k])) });
    const arb = fc.record(Object.fromEntries(fields.map((k) => [k, valueOf(k)])), { requiredKeys: [] }) as fc.Arbitrary<Raw>;
    const samples = [{}, { tier: "" }, { tier: "", product: "", manager: "", customer: "", bucket: "", autoRenew: "" }, { tier: " ", bucket: "0-7", sort: "domainName", dir: "desc" }, ...fc.sample(arb, { numRuns: 36, seed: 17 })];
    let nonEmpty = 0;
    for (const raw of samples) {
      const { ids, query, problems } = await listed(raw);
      const refused = new Set(fields.filter((k) => problems.some((p) => p.includes(`"${labelOf(k)}"`))));
      const expected = model(all, raw, refused);
      const label = JSON.stringify(raw);
      expect(new Set(ids), `${label}: listed`).toEqual(expected);
      expect(ids.length, `${label}: listed once each`).toBe(expected.size);
      const l = links.workspaceLinks(query, { isFirstPage: true });
      expect(await exported(l.exportHref), `${label}: exported in the list's order (${l.exportHref})`).toEqual(ids);
      expect(new Set(await previewed(l.renewAllHref)), `${label}: previewed (${l.renewAllHref})`).toEqual(expected);
      if (expected.size > 0) nonEmpty++;
    }
    // Combinations narrow fast (a customer and a tier and a manager…); enough must still match rows to compare.
    expect(nonEmpty, "generated filters that match some licenses").toBeGreaterThanOrEqual(samples.length / 5);
    // The case: "Any" tier is every tier (263-style counts), never Monitor alone.
    const any = await listed({});
    expect((await listed({ tier: "" })).ids.length).toBe(any.ids.length);
    expect(any.ids.length).toBeGreaterThan((await listed({ tier: "0" })).ids.length);
  });
});

describe("plan prices: the family the form shows is the family applied (issue 17, item 1)", () => {
  it("an empty family or one the catalog lacks lists every family, as the select's \"All families\" says", async () => {
    const { listPlanPrices } = await import("@/lib/settings/list-plan-prices");
    const { planPriceFilterSchema } = await import("@/lib/settings/plan-price-schemas");
    const admin: Actor = { id: "demo-user-admin", email: "admin@orderdesk.test", name: "Ada", role: "ADMIN" };
    // Every page's families (a family cut by a page shows on both: once here).
    const families = async (raw: Raw) => {
      const keys: string[] = [];
      for (let page = 1, pageCount = 1; page <= pageCount; page++) {
        const list = await listPlanPrices(admin, planPriceFilterSchema.parse({ ...raw, page: String(page) }));
        pageCount = list.pageCount;
        for (const g of list.groups) if (keys.at(-1) !== g.family.key) keys.push(g.family.key);
      }
      return keys;
    };
    const every = await families({});
    expect(every.length).toBeGreaterThan(3);
    for (const raw of [{ family: "" }, { family: " " }, { family: "no-such-family" }, { q: "" }] as Raw[]) expect(await families(raw), JSON.stringify(raw)).toEqual(every);
    expect(await families({ family: every[1]! })).toEqual([every[1]]);
  });
});

/** The label a refused field is named by in the page's message (expiry-workspace.ts FILTER_LABELS). */
function labelOf(field: string): string {
  return ({ bucket: "Expiry", customer: "Customer", product: "Product", tier: "Tier", autoRenew: "Auto-renew", manager: "Account manager" } as Record<string, string>)[field] ?? field;
}
