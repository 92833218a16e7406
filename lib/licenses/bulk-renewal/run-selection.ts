/**
 * What a bulk renewal run is asked to renew, from the query string the expiry workspace sends to
 * /renewals/runs/new: `license=<id>` repeated, or `all=1` plus the workspace filter's own
 * parameters (lib/licenses/expiry-workspace/filter.ts). A query string is input: anything else is a message.
 */
import { z } from "zod";
import { expiryFilterSchema, type ExpiryFilter } from "@/lib/licenses/expiry-workspace/filter";

/** The most licenses one run takes: past this the preview asks to narrow the choice. */
export const MAX_RUN_LICENSES = 5_000;

const licenseId = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "is not a license id");

export type RunSelection = { kind: "selection"; licenseIds: string[] } | { kind: "filter"; filter: ExpiryFilter };

export const runSelectionSchema: z.ZodType<RunSelection> = z.union([
  z.object({ kind: z.literal("selection"), licenseIds: z.array(licenseId).min(1).max(MAX_RUN_LICENSES) }),
  z.object({ kind: z.literal("filter"), filter: expiryFilterSchema }),
]) as z.ZodType<RunSelection>;

export type SelectionParse = { ok: true; selection: RunSelection } | { ok: false; message: string };

type Query = Record<string, string | string[] | undefined>;

function all(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The query string of /renewals/runs/new → a selection, or the sentence saying what is wrong. */
export function parseRunSelection(query: Query): SelectionParse {
  const ids = all(query.license);
  const everything = all(query.all)[0];
  if (everything === "1") {
    if (ids.length > 0) return { ok: false, message: "Choose either some licenses or all that match the filter, not both." };
    const first = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, all(v)[0]]));
    return { ok: true, selection: { kind: "filter", filter: expiryFilterSchema.parse(first) } };
  }
  if (everything !== undefined) return { ok: false, message: "“all” must be 1 (every license that matches the filter)." };
  if (ids.length === 0) return { ok: false, message: "No licenses were chosen. Pick them in the renewals workspace, then start a run from there." };
  if (ids.length > MAX_RUN_LICENSES) {
    return { ok: false, message: `A run takes at most ${MAX_RUN_LICENSES.toLocaleString("en-US")} licenses; ${ids.length.toLocaleString("en-US")} were chosen. Choose fewer, or narrow the filter.` };
  }
  const bad = ids.find((id) => !licenseId.safeParse(id).success);
  if (bad !== undefined) return { ok: false, message: `“${bad.slice(0, 40)}” is not a license id.` };
  return { ok: true, selection: { kind: "selection", licenseIds: [...new Set(ids.map((id) => id.trim()))] } };
}

/** The selection back as a query string (the preview's "start" form carries it). */
export function selectionQuery(selection: RunSelection): string {
  const params = new URLSearchParams();
  if (selection.kind === "selection") for (const id of selection.licenseIds) params.append("license", id);
  else {
    params.set("all", "1");
    for (const [k, v] of Object.entries(selection.filter)) if (v !== undefined && v !== "any") params.set(k, String(v));
  }
  return params.toString();
}
