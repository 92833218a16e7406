import Link from "next/link";
import type { Page } from "@/lib/pagination";
import type { RenewalRunRow } from "@/lib/licenses/bulk-renewal/list-renewal-runs";
import { Pagination, TableFrame, Td, Th } from "@/components/ui/table";
import { RunStatusBadge } from "./run-status-badge";

export function RunList({ page }: { page: Page<RenewalRunRow> }) {
  return (
    <>
      <TableFrame
        label="Renewal runs"
        head={
          <>
            <Th>Started</Th>
            <Th>By</Th>
            <Th>Status</Th>
            <Th>Progress</Th>
            <Th>Placed</Th>
            <Th>Refused</Th>
            <Th>Failed</Th>
            <Th>Unknown</Th>
          </>
        }
        empty={page.rows.length === 0 ? <p className="p-6 text-center text-sm text-slate-600">No renewal runs yet.</p> : null}
      >
        {page.rows.map((r) => (
          <tr key={r.id}>
            <Td>
              <Link className="text-brand-700 underline" href={`/renewals/runs/${r.id}`}>
                {r.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
              </Link>
            </Td>
            <Td>{r.createdBy.name}</Td>
            <Td>
              <RunStatusBadge status={r.status} />
            </Td>
            <Td>
              {r.placed + r.refused + r.failed + r.unknown} / {r.total}
            </Td>
            <Td>{r.placed}</Td>
            <Td>{r.refused}</Td>
            <Td>{r.failed}</Td>
            <Td>{r.unknown}</Td>
          </tr>
        ))}
      </TableFrame>
      <Pagination base="/renewals/runs" query={{ page: page.page, sort: "createdAt", dir: "desc" }} page={page.page} pageCount={page.pageCount} total={page.total} />
    </>
  );
}
