"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { decideDriftAction } from "@/app/(app)/sync/actions";
import type { SyncOverview } from "@/lib/sync/get-sync-overview";
import type { DriftKind } from "@/lib/generated/prisma/enums";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TableFrame, Td, Th } from "@/components/ui/table";
import { KIND_LABEL, emptyDriftMessage, showValue } from "./drift-labels";

const KINDS = Object.keys(KIND_LABEL) as DriftKind[];

/** Open differences, one kind or all, with "take Sectigo's value" per row and in bulk. */
export function DriftTable({ overview }: { overview: SyncOverview }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const decide = (input: { decision: "ACCEPT" | "IGNORE"; ids?: string[]; all?: boolean; runId?: string; expected?: number }) => {
    setMessage(null);
    setConfirming(false);
    startTransition(async () => {
      const result = await decideDriftAction(input);
      if (result.ok) {
        const { decided, remaining, message: changed } = result.data;
        setMessage({ tone: changed ? "error" : "ok", text: `${decided} difference${decided === 1 ? "" : "s"} ${input.decision === "ACCEPT" ? "now take Sectigo's value" : "ignored"}.${changed ? ` ${changed}` : ""}${remaining > 0 ? ` ${remaining} left: click again.` : ""}` });
        router.refresh();
      } else setMessage({ tone: "error", text: result.error.message });
    });
  };
  const { query } = overview;
  const all = overview.acceptAll;
  const bulk =
    overview.canSync && all ? (
      <Button type="button" variant="secondary" disabled={pending || confirming} onClick={() => setConfirming(true)}>
        Take Sectigo&apos;s value for all ({all.accountLabel}, latest sync)
      </Button>
    ) : null;
  // Named before anything changes: how many differences this click overwrites, and that it is not undone here.
  const confirmation =
    confirming && all ? (
      <div role="group" aria-label="Confirm taking Sectigo's value for all" className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="accept-all-confirmation">
        <p>
          Take Sectigo&apos;s value for <strong>{all.thisClick.toLocaleString("en")}</strong> difference{all.thisClick === 1 ? "" : "s"}
          {all.open > all.thisClick ? ` (the first ${all.thisClick.toLocaleString("en")} of ${all.open.toLocaleString("en")}${all.openCapped ? "+" : ""}; click again for the rest)` : ""} of {all.accountLabel}?
          Each license&apos;s status, expiry or auto-renew is overwritten with Sectigo&apos;s value. This is not undone from here; the audit log keeps every value it replaces.
        </p>
        <div className="mt-2 flex gap-2">
          <Button type="button" disabled={pending} onClick={() => decide({ decision: "ACCEPT", all: true, runId: all.runId, expected: all.thisClick })}>
            Take Sectigo&apos;s value for {all.thisClick.toLocaleString("en")}
          </Button>
          <Button type="button" variant="secondary" disabled={pending} onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      </div>
    ) : null;
  return (
    <Card title={`Open differences (${overview.openCount.toLocaleString("en")}${overview.openCountCapped ? "+" : ""})`} action={bulk}>
      <nav aria-label="Difference kinds" className="mb-3 flex flex-wrap gap-2 text-sm">
        <KindLink kind={undefined} current={query.kind} />
        {KINDS.map((k) => (
          <KindLink key={k} kind={k} current={query.kind} />
        ))}
      </nav>
      {confirmation}
      {message ? (
        <p role="status" className={`mb-3 text-sm ${message.tone === "ok" ? "text-green-800" : "text-red-700"}`} data-testid="drift-message">
          {message.text}
        </p>
      ) : null}
      <TableFrame
        label="Open differences"
        empty={
          overview.drift.length === 0 ? (
            <p className="p-4 text-sm text-slate-600" data-testid="drift-empty">
              {emptyDriftMessage(overview.lastSyncAt)}
            </p>
          ) : null
        }
        head={
          <>
            <Th>Difference</Th>
            <Th>Order</Th>
            <Th>License</Th>
            <Th>Order Desk</Th>
            <Th>Sectigo</Th>
            {overview.canSync ? <Th>Decision</Th> : null}
          </>
        }
      >
        {overview.drift.map((d) => (
          <tr key={d.id} data-testid="drift-row">
            <Td>
              <Badge tone={d.kind === "UNKNOWN_TO_US" ? "amber" : "blue"}>{KIND_LABEL[d.kind]}</Badge>
            </Td>
            <Td className="font-mono text-sm">{d.orderNumber}</Td>
            <Td className="text-sm">
              {d.licenseId ? (
                <Link className="text-brand-700 underline" href={`/licenses/${d.licenseId}`}>
                  {d.license?.domainName ?? d.domainName}
                </Link>
              ) : (
                (d.domainName ?? "—")
              )}
              {d.license?.productName ? <span className="block text-slate-500">{d.license.productName}</span> : null}
            </Td>
            <Td className="text-sm">{showValue(d.kind, d.ours)}</Td>
            <Td className="text-sm">{showValue(d.kind, d.theirs)}</Td>
            {overview.canSync ? (
              <Td className="space-x-2 whitespace-nowrap">
                {d.kind !== "UNKNOWN_TO_US" ? (
                  <Button type="button" disabled={pending} onClick={() => decide({ decision: "ACCEPT", ids: [d.id] })}>
                    Take Sectigo&apos;s value
                  </Button>
                ) : null}
                <Button type="button" variant="secondary" disabled={pending} onClick={() => decide({ decision: "IGNORE", ids: [d.id] })}>
                  Ignore
                </Button>
              </Td>
            ) : null}
          </tr>
        ))}
      </TableFrame>
      {overview.nextAfter ? (
        <p className="mt-3 text-sm">
          <Link className="text-brand-700 underline" href={`/sync?${new URLSearchParams({ ...(query.kind ? { kind: query.kind } : {}), after: overview.nextAfter })}`}>
            Next {50} differences
          </Link>
        </p>
      ) : null}
    </Card>
  );
}

function KindLink({ kind, current }: { kind: DriftKind | undefined; current: DriftKind | undefined }) {
  const active = kind === current;
  return (
    <Link
      href={kind ? `/sync?kind=${kind}` : "/sync"}
      aria-current={active ? "page" : undefined}
      className={`rounded-md px-2 py-1 ${active ? "bg-brand-600 text-white" : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
    >
      {kind ? KIND_LABEL[kind] : "All"}
    </Link>
  );
}
