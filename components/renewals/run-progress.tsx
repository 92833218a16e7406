"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { RenewalRunView } from "@/lib/licenses/bulk-renewal/get-renewal-run";
import { Card } from "@/components/ui/card";
import { TableFrame, Td, Th } from "@/components/ui/table";
import { RunStatusBadge } from "./run-status-badge";
import { RunFigure } from "./run-figure";

const REFRESH_MS = 1_000;

/** The page re-reads the run from the server every second while it is going (no socket needed). */
export function RunProgress({ run }: { run: RenewalRunView }) {
  const router = useRouter();
  const live = run.status === "QUEUED" || run.status === "RUNNING";
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, router]);
  const percent = run.total === 0 ? 100 : Math.round((run.done / run.total) * 100);
  return (
    <div className="space-y-6">
      <Card title="Progress" action={<RunStatusBadge status={run.status} />}>
        <div
          role="progressbar"
          aria-label="Renewal run progress"
          aria-valuemin={0}
          aria-valuemax={run.total}
          aria-valuenow={run.done}
          className="h-3 w-full overflow-hidden rounded-full bg-slate-100"
        >
          {/* An SVG bar, not a styled div: the CSP allows no inline style attribute. */}
          <svg viewBox="0 0 100 1" preserveAspectRatio="none" className="block h-full w-full" aria-hidden="true">
            <rect width={percent} height="1" className="fill-brand-600" />
          </svg>
        </div>
        <p className="mt-2 text-sm text-slate-700" data-testid="run-progress-text">
          {run.done} of {run.total} done{run.status === "DONE" ? "" : ` · ${run.running} in progress · ${run.pending} waiting`}
        </p>
        <dl className="mt-4 grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
          <RunFigure label="Renewed" value={run.placed} testId="run-placed" />
          <RunFigure label="Refused" value={run.refused} testId="run-refused" />
          <RunFigure label="Failed" value={run.failed} testId="run-failed" />
          <RunFigure label="Unknown (being checked)" value={run.unknown} testId="run-unknown" />
        </dl>
        {run.sellTotal && run.currency ? (
          <p className="mt-3 text-sm text-slate-600">
            Expected cost at start: {run.sellTotal} {run.currency} to customers · {run.buyTotal} {run.currency} from Sectigo.
          </p>
        ) : null}
      </Card>
      <section>
        <h2 className="mb-2 text-sm font-semibold text-slate-800">Latest results</h2>
        <TableFrame
          label="Run items"
          head={
            <>
              <Th>Domain</Th>
              <Th>Product</Th>
              <Th>Result</Th>
              <Th>Details</Th>
            </>
          }
        >
          {run.items.map((i) => (
            <tr key={i.id}>
              <Td>{i.license.domainName}</Td>
              <Td>{i.license.productName}</Td>
              <Td>
                <RunStatusBadge status={i.status} />
              </Td>
              <Td className="text-sm text-slate-700">
                {i.message}
                {i.status === "UNKNOWN" && i.orderStatusNow && i.orderStatusNow !== "UNKNOWN" ? ` Now: ${i.orderStatusNow.toLowerCase()}.` : ""}
                {i.orderId ? (
                  <>
                    {" "}
                    <Link className="text-brand-700 underline" href={`/orders/${i.orderId}`}>
                      Order
                    </Link>
                  </>
                ) : null}
              </Td>
            </tr>
          ))}
        </TableFrame>
      </section>
    </div>
  );
}
