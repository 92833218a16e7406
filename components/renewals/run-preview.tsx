import type { RunPreview as Preview, PreviewLine } from "@/lib/licenses/bulk-renewal/preview-renewal-run";
import type { RunSelection } from "@/lib/licenses/bulk-renewal/run-selection";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { TableFrame, Td, Th } from "@/components/ui/table";
import { RunStartForm } from "./run-start-form";
import { RunFigure } from "./run-figure";

/** Rows shown per list; the run takes them all. */
const SHOWN = 200;

export function RunPreview({ preview, selection }: { preview: Preview & { ok: true }; selection: RunSelection }) {
  return (
    <div className="space-y-6">
      <Card title="Summary">
        <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
          <RunFigure label="Will be renewed" value={preview.accepted.length} testId="run-accepted-count" />
          <RunFigure label="Refused" value={preview.refused.length} testId="run-refused-count" />
          {preview.cost.map((c) => (
            <div key={c.currency} className="sm:col-span-2">
              <dt className="text-slate-600">Cost ({c.count} priced)</dt>
              <dd className="text-lg font-semibold text-slate-900" data-testid={`run-cost-${c.currency}`}>
                {c.sell} {c.currency} <span className="text-sm font-normal text-slate-600">to customers · {c.buy} {c.currency} from Sectigo</span>
              </dd>
            </div>
          ))}
        </dl>
        {preview.unpriced > 0 ? <p className="mt-3 text-sm text-amber-800">{preview.unpriced} of the licenses have no price set under Settings → Prices; the cost leaves them out.</p> : null}
        <div className="mt-4">
          {preview.accepted.length > 0 ? (
            <RunStartForm selection={selection} count={preview.accepted.length} />
          ) : (
            <p className="text-sm text-slate-700">None of these licenses can be renewed now: see the reasons below.</p>
          )}
        </div>
      </Card>
      <Lines title={`Will be renewed (${preview.accepted.length})`} lines={preview.accepted} label="Licenses to renew" />
      {preview.refused.length > 0 ? <Lines title={`Refused (${preview.refused.length})`} lines={preview.refused} label="Refused licenses" withReason /> : null}
    </div>
  );
}

function Lines({ title, lines, label, withReason = false }: { title: string; lines: PreviewLine[]; label: string; withReason?: boolean }) {
  return (
    <section>
      <h2 className="mb-2 text-sm font-semibold text-slate-800">{title}</h2>
      <TableFrame
        label={label}
        head={
          <>
            <Th>Domain</Th>
            <Th>Product</Th>
            <Th>Customer</Th>
            <Th>Expires</Th>
            {withReason ? <Th>Why not</Th> : null}
          </>
        }
      >
        {lines.slice(0, SHOWN).map((l) => (
          <tr key={l.licenseId}>
            <Td>{l.domainName}</Td>
            <Td>{l.productName}</Td>
            <Td>{l.customerName}</Td>
            <Td>{formatDate(l.expiresAt)}</Td>
            {withReason ? <Td className="text-amber-900">{l.reason}</Td> : null}
          </tr>
        ))}
      </TableFrame>
      {lines.length > SHOWN ? <p className="mt-2 text-sm text-slate-600">… and {lines.length - SHOWN} more.</p> : null}
    </section>
  );
}
