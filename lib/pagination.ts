import { z } from "zod";

export const PAGE_SIZE = 25;

/** Table query from the URL: page, sort, direction, text filter. Bad values fall back to defaults. */
export function tableQuerySchema<const S extends readonly [string, ...string[]]>(sorts: S, defaultSort: S[number], defaultDir: "asc" | "desc") {
  return z.object({
    page: z.coerce.number().int().min(1).max(100_000).catch(1),
    sort: z.enum(sorts).catch(defaultSort as never),
    dir: z.enum(["asc", "desc"]).catch(defaultDir),
    q: z.string().trim().max(200).catch("").default(""),
  });
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageCount: number;
}

export function toPage<T>(rows: T[], total: number, page: number, pageSize = PAGE_SIZE): Page<T> {
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

export type SearchParams = Record<string, string | string[] | undefined>;

export function firstValues(params: SearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
