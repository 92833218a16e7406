/**
 * Issue 17, item 1: filters mean exactly what the page shows. Generated from the list pages' own
 * query schemas (the zod object's keys and enum options) and their own forms and link builders,
 * never from a hand-written list of fields:
 * - an empty (or blank) value means "no filter": `field=` is applied as if the field were absent;
 * - Apply: the values the filter form submits (what its controls show: a select with no selected
 *   option shows, and submits, its first one) are read back as the filter the page applied;
 * - every link the page builds from that query (paging, sorting, bucket cards, Export CSV, Renew
 *   all that match) carries the same filter, and paging keeps the sort.
 * The rows behind those links (list, CSV, bulk-run preview) are compared on a seeded database in
 * tests/integration/list-filter-rows.test.ts.
 */
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { GENERIC, shapeOf, valuesFor } from "@/tests/fixtures/list-query-values";

// The customer picker's search action (a server action) is never called while rendering.
vi.mock("@/app/(app)/renewals/actions", () => ({ searchWorkspaceCustomersAction: async () => ({ ok: true, data: [] }) }));

const { parseWorkspaceQuery, workspaceQuerySchema } = await import("@/lib/licenses/expiry-workspace/workspace");
const { workspaceLinks } = await import("@/lib/licenses/expiry-workspace/links");
const { expiryFilterSchema } = await import("@/lib/licenses/expiry-workspace/filter");
const { parseRunSelection } = await import("@/lib/licenses/bulk-renewal/run-selection");
const { WorkspaceFilters } = await import("@/components/renewals/workspace-filters");
const { WorkspaceList } = await import("@/components/renewals/workspace-list");
const { WorkspaceBuckets } = await import("@/components/renewals/workspace-buckets");
const { ordersQuerySchema, dateRangeOf } = await import("@/lib/orders/list-orders");
const { OrdersTable } = await import("@/components/orders/orders-table");
const { licensesQuerySchema } = await import("@/lib/licenses/queries/list-licenses");
const { LicensesTable } = await import("@/components/licenses/licenses-table");
const { customersQuerySchema } = await import("@/lib/customers/list-customers");
const { CustomersTable } = await import("@/components/customers/customers-table");
const { awaitingQuerySchema } = await import("@/lib/orders/list-awaiting");
const { planPriceFilterSchema } = await import("@/lib/settings/plan-price-schemas");
const { PriceFilters } = await import("@/components/settings/price-filters");
const { runsQuerySchema } = await import("@/lib/licenses/bulk-renewal/list-renewal-runs");
const { syncQuerySchema } = await import("@/lib/sync/get-sync-overview");
const { parseAuditQuery, auditQueryString } = await import("@/lib/audit/list-audit-query");
const { AuditFilters } = await import("@/components/audit/audit-filters");
const { AuditTable } = await import("@/components/audit/audit-table");
const { EXPIRY_BUCKETS } = await import("@/lib/licenses/rules/status");
const { FAMILIES } = await import("@/lib/catalog");

type Raw = Record<string, string>;

// ---- reading what the page renders -----------------------------------------------------------

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : undefined;
};

/** What a browser submits for the (first) search form: each named input's value, each select's shown option. */
function submitted(html: string): { params: URLSearchParams; shown: Map<string, string> } {
  const form = /<form[^>]*role="search"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error("no filter form");
  const params = new URLSearchParams();
  const shown = new Map<string, string>();
  const body = form[1]!;
  for (const m of body.matchAll(/<input\b[^>]*>|<select\b[^>]*>[\s\S]*?<\/select>/g)) {
    const tag = m[0];
    if (tag.startsWith("<input")) {
      const name = attr(tag, "name");
      const type = attr(tag, "type") ?? "text";
      if (!name || type === "submit" || type === "button" || type === "checkbox") continue;
      params.append(name, attr(tag, "value") ?? "");
      continue;
    }
    const name = attr(tag, "name");
    if (!name) continue;
    const options = [...tag.matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/g)].map((o) => ({ value: decode(attr(o[0], "value") ?? o[2]!), label: decode(o[2]!), selected: /\sselected=""/.test(o[1]!) }));
    // A select whose value matches no option shows its first one, and submits that.
    const chosen = options.find((o) => o.selected) ?? options[0];
    params.append(name, chosen?.value ?? "");
    shown.set(name, chosen?.label ?? "");
  }
  return { params, shown };
}

/** The options a form offers for each select (values to generate). */
function offeredOptions(html: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of html.matchAll(/<select\b[^>]*>[\s\S]*?<\/select>/g)) {
    const name = attr(m[0], "name");
    if (name) out[name] = [...m[0].matchAll(/<option\b[^>]*value="([^"]*)"/g)].map((o) => decode(o[1]!));
  }
  return out;
}

/** The page's links, but for a "Clear" link (it drops the filter by design). */
function links(html: string): Array<{ href: URL; rel?: string; testId?: string }> {
  return [...html.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/g)]
    .filter((m) => m[1]!.trim() !== "Clear")
    .map((m) => ({ href: new URL(attr(m[0], "href")!, "http://desk.test"), rel: attr(m[0], "rel"), testId: attr(m[0], "data-testid") }));
}

const first = (params: URLSearchParams): Raw => {
  const out: Raw = {};
  for (const [k, v] of params) if (!(k in out)) out[k] = v;
  return out;
};

// ---- the list pages --------------------------------------------------------------------------

interface ListCase {
  name: string;
  /** The query fields, from the page's schema (or its parser's own field list). */
  fields: Record<string, string[]>;
  /** What the page applies for a raw query: its own parse, reduced to meaning (a date as the page reads it). */
  applied(raw: Raw): Record<string, unknown>;
  /** Fields that belong to paging (dropped when a filter or sort changes). */
  paging: string[];
  /** Sort fields (a sort link changes them by design; Apply and paging keep them). */
  sorting: string[];
  /** The markup the page renders for a raw query (its filter form and its links), when it has one. */
  render?(raw: Raw): string;
  /** Link paths that must carry the filter, and how each path reads its query. */
  targets?: Record<string, (params: URLSearchParams) => Record<string, unknown>>;
}

const omit = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k, v]) => !keys.includes(k) && v !== undefined));

const MANAGERS = [{ id: "demo-user-account_manager", name: "Mia" }];
const workspaceApplied = (raw: Raw) => parseWorkspaceQuery(raw).query as Record<string, unknown>;

function renderWorkspace(raw: Raw): string {
  const query = parseWorkspaceQuery(raw).query;
  const links = workspaceLinks(query, { next: "cursor_after", isFirstPage: !query.after });
  const buckets = EXPIRY_BUCKETS.map((b) => ({ key: b.key, label: b.label, count: 3, value: [], unpriced: 0 }));
  return renderToStaticMarkup(
    createElement("div", null, [
      createElement(WorkspaceBuckets, { key: "b", buckets, active: query.bucket, hrefFor: links.bucketHref }),
      createElement(WorkspaceFilters, { key: "f", query, managers: MANAGERS, customer: query.customer ? { id: query.customer, name: "A customer", email: "a@example.test" } : null }),
      createElement(WorkspaceList, {
        key: "l",
        rows: [],
        total: 263,
        query: links.listQuery,
        now: new Date(),
        canRenew: true,
        canExport: true,
        exportHref: links.exportHref,
        renewAllHref: links.renewAllHref,
        nextHref: links.nextHref,
        firstHref: links.firstHref,
      }),
    ]),
  );
}

/** A list page's table with a middle page (so both paging links show) and no rows. */
const middlePage = { rows: [], total: 120, page: 2, pageCount: 5, totalCapped: false, next: "nextcursor", previous: "prevcursor", staffOptions: [{ id: "u_staff", name: "Sam" }], problems: [] };

function tableCase(name: string, base: string, schema: z.ZodType, Table: (props: never) => ReactElement | null, extra: Record<string, unknown> = {}, applied?: (q: Record<string, unknown>) => Record<string, unknown>): ListCase {
  const parse = (raw: Raw) => (schema.parse(raw) as Record<string, unknown>);
  const render = (raw: Raw) => renderToStaticMarkup(createElement(Table as never, { page: middlePage, query: parse(raw), ...extra } as never));
  return {
    name,
    fields: {},
    applied: (raw) => (applied ? applied(parse(raw)) : parse(raw)),
    paging: ["page", "after", "before"],
    sorting: ["sort", "dir"],
    render,
    targets: { [base]: (p) => (applied ? applied(parse(first(p))) : parse(first(p))) },
  };
}

const ordersMeaning = (q: Record<string, unknown>) => {
  // A date the page cannot read is not applied (it says so): its meaning is the range it applies.
  const { from, to, ...rest } = q;
  const range = dateRangeOf({ from: from as string | undefined, to: to as string | undefined });
  return { ...rest, fromDay: range.from?.toISOString(), toDay: range.toExclusive?.toISOString() };
};

const auditMeaning = (raw: Raw) => {
  const { query } = parseAuditQuery(raw);
  return { ...query, from: query.from?.toISOString(), before: query.before?.toISOString(), after: query.after?.toString() };
};

const CASES: ListCase[] = [
  {
    name: "/renewals",
    fields: {},
    applied: workspaceApplied,
    paging: ["after", "page"],
    sorting: ["sort", "dir"],
    render: renderWorkspace,
    targets: {
      "/renewals": (p) => workspaceApplied(first(p)),
      "/renewals/export": (p) => workspaceApplied(first(p)),
      // The bulk run reads only the filter (no sort): compared on the filter's own fields.
      "/renewals/runs/new": (p) => {
        const parsed = parseRunSelection(Object.fromEntries(p));
        if (!parsed.ok || parsed.selection.kind !== "filter") throw new Error(`Renew all link not a filter: ${p}`);
        return parsed.selection.filter as Record<string, unknown>;
      },
    },
  },
  tableCase("/orders", "/orders", ordersQuerySchema, OrdersTable as never, {}, ordersMeaning),
  tableCase("/licenses", "/licenses", licensesQuerySchema, LicensesTable as never, { now: new Date() }),
  tableCase("/customers", "/customers", customersQuerySchema, CustomersTable as never),
  {
    name: "/orders/awaiting",
    fields: {},
    applied: (raw) => awaitingQuerySchema.parse(raw) as Record<string, unknown>,
    paging: ["after"],
    sorting: [],
  },
  {
    name: "/settings/prices",
    fields: {},
    // listPlanPrices reads an empty family or search as none, and a family the catalog lacks as none.
    applied: (raw) => {
      const f = planPriceFilterSchema.parse(raw);
      return { family: FAMILIES.some((x) => x.key === f.family) ? f.family : undefined, words: (f.q ?? "").toLowerCase().split(/\s+/).filter(Boolean) };
    },
    paging: [],
    sorting: [],
    render: (raw) => {
      const f = planPriceFilterSchema.parse(raw);
      // The page hands the form the parsed filter; listPlanPrices ignores a family the catalog lacks.
      const known = FAMILIES.some((x) => x.key === f.family);
      return renderToStaticMarkup(createElement(PriceFilters, { families: FAMILIES.map((x) => ({ key: x.key, name: x.name })), family: known ? (f.family ?? "") : "", q: f.q ?? "" }));
    },
  },
  {
    name: "/renewals/runs",
    fields: {},
    applied: (raw) => runsQuerySchema.parse(raw) as Record<string, unknown>,
    paging: ["page"],
    sorting: [],
  },
  {
    name: "/sync",
    fields: {},
    applied: (raw) => syncQuerySchema.parse(raw) as Record<string, unknown>,
    paging: ["after"],
    sorting: [],
  },
  {
    name: "/settings/audit",
    fields: {},
    applied: auditMeaning,
    paging: ["after"],
    sorting: [],
    render: (raw) => {
      const parsed = parseAuditQuery(raw);
      const { after, ...filter } = parsed.query;
      return renderToStaticMarkup(
        createElement("div", null, [
          createElement("a", { key: "x", href: `/settings/audit/export${auditQueryString(filter)}` }),
          createElement(AuditFilters, { key: "f", parsed, people: [{ id: "u_staff", name: "Sam", email: "s@example.test" }], actions: ["orders.place"] }),
          createElement(AuditTable, { key: "t", rows: [], query: filter, next: 42n, isFirstPage: after === undefined }),
        ]),
      );
    },
    targets: { "/settings/audit": (p) => auditMeaning(first(p)), "/settings/audit/export": (p) => auditMeaning(first(p)) },
  },
];

// The fields of each list come from its schema's shape (the audit log's parser names its own), and
// each field's values from the schema's options, the page's form options and the generic text.
const SCHEMAS: Record<string, z.ZodType> = {
  "/renewals": workspaceQuerySchema,
  "/orders": ordersQuerySchema,
  "/licenses": licensesQuerySchema,
  "/customers": customersQuerySchema,
  "/orders/awaiting": awaitingQuerySchema,
  "/settings/prices": planPriceFilterSchema,
  "/renewals/runs": runsQuerySchema,
  "/sync": syncQuerySchema,
};
for (const c of CASES) {
  const schema = SCHEMAS[c.name];
  const offered = c.render ? offeredOptions(c.render({})) : {};
  const keys = schema ? Object.keys(shapeOf(schema)) : Object.keys(parseAuditQuery({}).raw);
  c.fields = Object.fromEntries(keys.map((k) => [k, valuesFor(schema ? shapeOf(schema)[k] : undefined, offered[k])]));
}

function rawQueries(c: ListCase): fc.Arbitrary<Raw> {
  const entries = Object.entries(c.fields).map(([k, values]) => [k, fc.constantFrom(...values)] as const);
  return fc.record(Object.fromEntries(entries), { requiredKeys: [] }) as fc.Arbitrary<Raw>;
}

const withoutBlanks = (raw: Raw): Raw => Object.fromEntries(Object.entries(raw).filter(([, v]) => v.trim() !== ""));

describe("list filters mean exactly what the page shows (issue 17, item 1)", () => {
  it("every list page's schema has fields and values to try", () => {
    for (const c of CASES) {
      expect(Object.keys(c.fields).length, c.name).toBeGreaterThan(0);
      for (const [k, v] of Object.entries(c.fields)) expect(v.length, `${c.name} ${k}`).toBeGreaterThan(GENERIC.length - 1);
    }
    // The renewals filter's tier options come from the form, its bucket options from the schema.
    expect(CASES[0]!.fields.tier).toEqual(expect.arrayContaining(["0", "1", "2", "3"]));
    expect(CASES[0]!.fields.bucket).toEqual(expect.arrayContaining(EXPIRY_BUCKETS.map((b) => b.key)));
  });

  for (const c of CASES) {
    describe(c.name, () => {
      it("an empty or blank value of any field is applied as if the field were absent, alone and in any combination", () => {
        for (const field of Object.keys(c.fields)) {
          for (const blank of ["", " "]) expect(c.applied({ [field]: blank }), `${field}=${JSON.stringify(blank)}`).toEqual(c.applied({}));
        }
        fc.assert(
          fc.property(rawQueries(c), (raw) => {
            expect(c.applied(raw)).toEqual(c.applied(withoutBlanks(raw)));
          }),
          { numRuns: 150 },
        );
      }, 30_000);

      if (c.render) {
        it("Apply submits what the form's controls show, and that is the filter and sort the page applied", () => {
          fc.assert(
            fc.property(rawQueries(c), (raw) => {
              const applied = c.applied(raw);
              const { params } = submitted(c.render!(raw));
              expect(omit(c.applied(first(params)), c.paging), JSON.stringify(raw)).toEqual(omit(applied, c.paging));
            }),
            { numRuns: 60 },
          );
        }, 30_000);

        it("every link the page builds carries the filter; paging links keep the sort", () => {
          fc.assert(
            fc.property(rawQueries(c), (raw) => {
              const applied = c.applied(raw);
              const html = c.render!(raw);
              let followed = 0;
              for (const { href, rel, testId } of links(html)) {
                const read = c.targets?.[href.pathname];
                if (!read) continue;
                followed++;
                const got = read(href.searchParams);
                // A sort link changes the sort, a bucket card its bucket, by design; the bulk run has no sort.
                const changed = [...c.paging, ...c.sorting, ...(testId?.startsWith("bucket-") ? ["bucket"] : [])];
                const filterOf = (o: Record<string, unknown>) => omit(o, changed);
                expect(filterOf(got), `${href.pathname}${href.search} from ${JSON.stringify(raw)}`).toEqual(filterOf(applied));
                if (rel === "next" || rel === "prev") expect(omit(got, c.paging), `paging keeps the sort: ${href}`).toEqual(omit(applied, c.paging));
              }
              if (c.targets) expect(followed, `${c.name} builds links for its filter`).toBeGreaterThan(0);
            }),
            { numRuns: 40 },
          );
        }, 30_000);
      }
    });
  }

  it("/renewals: Tier \"Any\" stays Any through Apply; Export CSV and Renew all carry no tier", () => {
    const c = CASES[0]!;
    const html = c.render!({ tier: "" });
    const { params, shown } = submitted(html);
    expect(shown.get("tier")).toBe("Any");
    expect(parseWorkspaceQuery(first(params)).query.tier).toBeUndefined();
    for (const { href } of links(html)) expect(href.searchParams.has("tier"), String(href)).toBe(false);
    // And a tier that applies is what the box shows.
    expect(submitted(c.render!({ tier: "0" })).shown.get("tier")).toBe("Monitor");
    expect(expiryFilterSchema.parse({ tier: "" })).toEqual(expiryFilterSchema.parse({}));
    // A blank value is "Any", not a value the page refuses with a message.
    for (const field of Object.keys(c.fields)) for (const b of ["", " "]) expect(parseWorkspaceQuery({ [field]: b }).problems, `${field}=${JSON.stringify(b)}`).toEqual([]);
  });
});
