import Link from "next/link";
import type { AuditRow } from "@/lib/audit-log/list-audit";
import { auditQueryString, type AuditQuery } from "@/lib/audit/list-audit-query";
import { Badge } from "@/components/ui/badge";
import { TableFrame, Td, Th } from "@/components/ui/table";

const timeFormat = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC" });

/** One page of audit entries, each expandable to its input and before/after; keyset paging links. */
export function AuditTable({ rows, query, next, isFirstPage }: { rows: AuditRow[]; query: AuditQuery; next: bigint | null; isFirstPage: boolean }) {
  return (
    <>
      <TableFrame
        label="Audit log"
        head={<><Th>When (UTC)</Th><Th>Person</Th><Th>Action</Th><Th>Outcome</Th><Th>From</Th><Th>Details</Th></>}
        empty={rows.length === 0 ? <p className="p-6 text-center text-sm text-slate-600">No audit entry matches this filter.</p> : null}
      >
        {rows.map((r) => (
          <tr key={String(r.id)} className="align-top">
            <Td className="whitespace-nowrap">{timeFormat.format(r.createdAt)}</Td>
            <Td>
              {r.actorLabel}
              {r.actorRole ? <span className="block text-xs text-slate-600">{r.actorRole}</span> : null}
            </Td>
            <Td className="font-mono text-xs">{r.action}</Td>
            <Td>{r.outcome === "OK" ? <Badge tone="green">OK</Badge> : <Badge tone="red">{r.outcome}</Badge>}</Td>
            <Td className="text-xs">{r.clientAddress ?? "—"}</Td>
            <Td>
              <details>
                <summary className="cursor-pointer text-sm text-brand-700">Input and before/after</summary>
                <p className="mt-2 text-xs font-semibold text-slate-700">Input (secrets removed)</p>
                <pre className="max-w-xl overflow-x-auto whitespace-pre-wrap break-all bg-slate-50 p-2 text-xs">{JSON.stringify(r.input, null, 2) ?? "—"}</pre>
                <p className="mt-2 text-xs font-semibold text-slate-700">Before/after</p>
                <pre className="max-w-xl overflow-x-auto whitespace-pre-wrap break-all bg-slate-50 p-2 text-xs">{r.changes ? JSON.stringify(r.changes, null, 2) : "Nothing recorded."}</pre>
                {r.userAgent ? <p className="mt-2 break-all text-xs text-slate-600">{r.userAgent}</p> : null}
              </details>
            </Td>
          </tr>
        ))}
      </TableFrame>
      <nav aria-label="Audit pages" className="mt-3 flex gap-3 text-sm">
        {isFirstPage ? null : (
          <Link className="text-brand-700 underline" href={`/settings/audit${auditQueryString(query)}`}>
            Newest entries
          </Link>
        )}
        {next !== null ? (
          <Link className="text-brand-700 underline" href={`/settings/audit${auditQueryString(query, next)}`}>
            Older entries
          </Link>
        ) : null}
      </nav>
    </>
  );
}
