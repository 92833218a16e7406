/**
 * Every link the renewals page builds from the query it applied (issue 17, item 1): the bucket
 * cards, paging, sorting, "Export CSV" and "Renew all that match". One place, so each carries the
 * filter the page shows, and a test can follow them all (tests/unit/list-filter-family.test.ts).
 */
import { listHref } from "@/lib/pagination";
import { filterParams, type WorkspaceQuery } from "@/lib/licenses/expiry-workspace/workspace";

export function workspaceLinks(query: WorkspaceQuery, page: { next?: string; isFirstPage: boolean }) {
  // Sorting or filtering starts over: a cursor belongs to the sort and filter it was made for.
  const listQuery = { ...query, page: 1, after: undefined };
  const filter = filterParams(query);
  // The export lists the rows in the order the page shows them: its sort travels too.
  const sorted = new URLSearchParams(filter);
  if (query.sort !== "expiresAt") sorted.set("sort", query.sort);
  if (query.dir !== "asc") sorted.set("dir", query.dir);
  return {
    listQuery,
    /** The filter and sort as one string: the filter form is keyed by it (a card click re-mounts it). */
    formKey: `${filter.toString()}|${query.sort}|${query.dir}`,
    bucketHref: (bucket: string) => listHref("/renewals", listQuery, { bucket: bucket === "any" ? undefined : bucket }),
    nextHref: page.next ? listHref("/renewals", listQuery, { after: page.next }) : undefined,
    firstHref: page.isFirstPage ? undefined : listHref("/renewals", listQuery, {}),
    exportHref: `/renewals/export${sorted.size ? `?${sorted.toString()}` : ""}`,
    renewAllHref: `/renewals/runs/new?${new URLSearchParams([["all", "1"], ...filter]).toString()}`,
  };
}
