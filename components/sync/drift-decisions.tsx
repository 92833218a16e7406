import type { SyncOverview } from "@/lib/sync/get-sync-overview";
import { Card } from "@/components/ui/card";
import { TableFrame, Td, Th } from "@/components/ui/table";
import { KIND_LABEL, showValue } from "./drift-labels";

/** Who accepted or ignored what, latest first (the audit log holds every one). */
export function DriftDecisions({ decisions }: { decisions: SyncOverview["decisions"] }) {
  return (
    <Card title="Latest decisions">
      <TableFrame
        label="Latest decisions"
        empty={decisions.length === 0 ? <p className="p-4 text-sm text-slate-600">No difference has been decided yet.</p> : null}
        head={
          <>
            <Th>When</Th>
            <Th>Who</Th>
            <Th>Decision</Th>
            <Th>Difference</Th>
            <Th>Order</Th>
            <Th>Value now</Th>
          </>
        }
      >
        {decisions.map((d) => (
          <tr key={d.id} data-testid="drift-decision">
            <Td className="text-sm">{d.decidedAt ? `${d.decidedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—"}</Td>
            <Td className="text-sm">{d.decidedBy?.name ?? "—"}</Td>
            <Td className="text-sm">{d.state === "ACCEPTED" ? "Took Sectigo's value" : d.state === "STALE" ? "Not applied: changed since the sync; run it again" : "Ignored (until either value changes)"}</Td>
            <Td className="text-sm">{KIND_LABEL[d.kind]}</Td>
            <Td className="font-mono text-sm">{d.orderNumber}</Td>
            <Td className="text-sm">{showValue(d.kind, d.state === "ACCEPTED" ? d.theirs : d.ours)}</Td>
          </tr>
        ))}
      </TableFrame>
    </Card>
  );
}
