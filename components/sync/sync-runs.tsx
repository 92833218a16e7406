"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { startSyncAction } from "@/app/(app)/sync/actions";
import type { SyncOverview } from "@/lib/sync/get-sync-overview";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TableFrame, Td, Th } from "@/components/ui/table";
import { accountOptionLabel } from "@/lib/settings/account-label";

const REFRESH_MS = 1_000;
const TONE: Record<string, Tone> = { QUEUED: "slate", RUNNING: "blue", DONE: "green", FAILED: "red" };

const when = (d: Date | null) => (d ? `${new Date(d).toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

/** The latest runs and the start button; the page re-reads itself every second while a run goes on. */
export function SyncRuns({ overview }: { overview: SyncOverview }) {
  const router = useRouter();
  const live = overview.runs.some((r) => r.status === "QUEUED" || r.status === "RUNNING");
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, router]);
  const [accountId, setAccountId] = useState(overview.accounts[0]?.id ?? "");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const start = overview.canSync ? (
    <form
      className="flex items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        startTransition(async () => {
          const result = await startSyncAction({ resellerAccountId: accountId });
          if (result.ok) router.refresh();
          else setError(result.error.message);
        });
      }}
    >
      {overview.accounts.length > 1 ? (
        <select aria-label="Reseller account" className="rounded-md border border-slate-300 px-2 py-1.5 text-sm" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
          {overview.accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {accountOptionLabel(a)}
            </option>
          ))}
        </select>
      ) : null}
      <Button type="submit" disabled={pending || live || !accountId}>
        {pending ? "Starting…" : live ? "Sync running…" : "Sync now"}
      </Button>
    </form>
  ) : null;
  return (
    <Card title="Runs" action={start}>
      {error ? (
        <p className="mb-3 text-sm text-red-700" data-testid="sync-start-error">
          {error}
        </p>
      ) : null}
      <TableFrame
        label="Sync runs"
        empty={overview.runs.length === 0 ? <p className="p-4 text-sm text-slate-600">No sync has run yet.</p> : null}
        head={
          <>
            <Th>Started</Th>
            <Th>Account</Th>
            <Th>By</Th>
            <Th>Status</Th>
            <Th>Progress</Th>
          </>
        }
      >
        {overview.runs.map((r) => (
          <tr key={r.id} data-testid="sync-run">
            <Td>{when(r.startedAt ?? r.createdAt)}</Td>
            <Td>{r.resellerAccount.label}</Td>
            <Td>{r.createdBy?.name ?? "Order Desk (schedule)"}</Td>
            <Td>
              <Badge tone={TONE[r.status] ?? "slate"}>{r.status.toLowerCase()}</Badge>
            </Td>
            <Td className="text-sm text-slate-700">
              <span data-testid="sync-run-progress">
                {r.ordersSeen.toLocaleString("en")} orders read · {r.licensesSeen.toLocaleString("en")} licenses compared · {r.driftFound.toLocaleString("en")} differences
              </span>
              {r.backoffs > 0 ? ` · waited ${r.backoffs}× for Sectigo's call limit` : ""}
              {r.message ? <span className="block text-red-700">{r.message}</span> : null}
              {r.finishedAt && r.startedAt ? <span className="block text-slate-500">took {Math.max(0, (new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime()) / 1000).toFixed(1)} s</span> : null}
            </Td>
          </tr>
        ))}
      </TableFrame>
    </Card>
  );
}
