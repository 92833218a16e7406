"use client";

import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { decideAuthorizationAction } from "@/app/(app)/orders/actions";
import { Button } from "@/components/ui/button";

export interface AwaitingRow {
  id: string;
  orderNumber: string;
  foreignOrderNumber: string;
  createdAt: string;
  customer: string;
  products: string[];
  total: string | null;
  busy: boolean;
}

const OUTCOME_TEXT: Record<string, string> = {
  AUTHORIZED: "Authorized",
  REJECTED: "Rejected",
  ALREADY_DECIDED: "Already decided by someone else",
  UNKNOWN: "Answer lost: Order Desk is checking",
};

/**
 * The queue, one by one or in bulk. Bulk decisions go one order at a time (each one is claimed in
 * the database and sent once); each row shows its own result as it comes.
 */
export function AwaitingQueue({ rows: serverRows, canDecide }: { rows: AwaitingRow[]; canDecide: boolean }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // Rows decided here stay in view with their result after the page refreshes without them.
  const [decided, setDecided] = useState<AwaitingRow[]>([]);
  const rows = [...serverRows, ...decided.filter((d) => !serverRows.some((r) => r.id === d.id))];
  const [results, setResults] = useState<Record<string, { ok: boolean; text: string }>>({});
  const [confirming, setConfirming] = useState<"AUTHORIZE" | "REJECT" | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const open = rows.filter((r) => !r.busy && !results[r.id]);
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const run = (decision: "AUTHORIZE" | "REJECT") => {
    setConfirming(null);
    startTransition(async () => {
      for (const id of [...selected]) {
        const result = await decideAuthorizationAction({ orderId: id, decision });
        const text = result.ok ? (OUTCOME_TEXT[result.data.outcome] ?? ("message" in result.data ? result.data.message : result.data.outcome)) : result.error.message;
        const ok = result.ok && (result.data.outcome === "AUTHORIZED" || result.data.outcome === "REJECTED");
        setResults((r) => ({ ...r, [id]: { ok, text } }));
        const row = rows.find((r) => r.id === id);
        if (row) setDecided((d) => [...d, row]);
      }
      setSelected(new Set());
      router.refresh();
    });
  };
  const count = (n: number) => `${n} order${n === 1 ? "" : "s"}`;

  return (
    <div className="space-y-3">
      {canDecide ? (
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Decide the selected orders">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={open.length > 0 && open.every((r) => selected.has(r.id))}
              onChange={(e) => setSelected(e.target.checked ? new Set(open.map((r) => r.id)) : new Set())}
            />
            Select all on this page
          </label>
          {confirming ? (
            <span className="flex items-center gap-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900">
              {confirming === "AUTHORIZE" ? `Authorize ${count(selected.size)}? Sectigo debits your funds for each.` : `Reject ${count(selected.size)}? They are cancelled at Sectigo.`}
              <Button variant={confirming === "REJECT" ? "danger" : "primary"} disabled={pending} onClick={() => run(confirming)}>
                Yes
              </Button>
              <Button variant="secondary" disabled={pending} onClick={() => setConfirming(null)}>
                Cancel
              </Button>
            </span>
          ) : (
            <>
              <Button disabled={pending || selected.size === 0} onClick={() => setConfirming("AUTHORIZE")}>
                {pending ? "Deciding…" : `Authorize selected (${selected.size})`}
              </Button>
              <Button variant="danger" disabled={pending || selected.size === 0} onClick={() => setConfirming("REJECT")}>
                Reject selected
              </Button>
            </>
          )}
        </div>
      ) : (
        <p className="text-sm text-slate-600">Your role can see the queue; authorizing is for reseller staff and admins.</p>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-sm" aria-label="Orders awaiting authorization">
          <thead className="bg-slate-50 text-left text-xs uppercase text-slate-600">
            <tr>
              {canDecide ? <th className="px-3 py-2"><span className="sr-only">Select</span></th> : null}
              <th className="px-3 py-2">Order</th>
              <th className="px-3 py-2">Customer</th>
              <th className="px-3 py-2">Products</th>
              <th className="px-3 py-2">Customer pays</th>
              <th className="px-3 py-2">Placed</th>
              <th className="px-3 py-2">Result</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id}>
                {canDecide ? (
                  <td className="px-3 py-2">
                    <input type="checkbox" aria-label={`Select order ${r.orderNumber}`} disabled={r.busy || Boolean(results[r.id]) || pending} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                  </td>
                ) : null}
                <td className="px-3 py-2">
                  <Link href={`/orders/${r.id}`} className="font-medium text-brand-700 hover:underline">
                    {r.orderNumber}
                  </Link>
                  <span className="block text-xs text-slate-600">{r.foreignOrderNumber}</span>
                </td>
                <td className="px-3 py-2">{r.customer}</td>
                <td className="px-3 py-2">
                  {r.products.map((p) => (
                    <span key={p} className="block">
                      {p}
                    </span>
                  ))}
                </td>
                <td className="px-3 py-2">{r.total ?? "—"}</td>
                <td className="px-3 py-2 whitespace-nowrap">{r.createdAt.slice(0, 10)}</td>
                <td className="px-3 py-2" aria-live="polite">
                  {r.busy ? <span className="text-slate-600">Being decided…</span> : results[r.id] ? <span className={results[r.id]!.ok ? "text-green-800" : "text-red-700"}>{results[r.id]!.text}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
