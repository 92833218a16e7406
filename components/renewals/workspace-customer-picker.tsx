"use client";

import { useEffect, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { searchWorkspaceCustomersAction } from "@/app/(app)/renewals/actions";
import { CustomerMatches } from "@/components/customers/customer-matches";

type Pick = { id: string; name: string; email: string };

/**
 * Search-as-you-type customer filter; the pick travels in the GET form as `customer`. Same
 * behaviour as the order form's SearchPicker (components/orders/order-form.tsx), kept separate
 * because importing that file would ship the whole order form to this page (+62 kB gzip measured).
 */
export function WorkspaceCustomerPicker({ initial }: { initial: Pick | null }) {
  const [chosen, setChosen] = useState<Pick | null>(initial);
  const [q, setQ] = useState("");
  const [results, setResults] = useState<Pick[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (q.trim().length < 2) return;
    let current = true;
    const timer = setTimeout(async () => {
      const result = await searchWorkspaceCustomersAction({ q });
      if (!current) return;
      setResults(result.ok ? result.data : []);
      setMessage(result.ok ? (result.data.length ? null : "No customer matches.") : result.error.message);
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q]);
  const typed = q.trim().length >= 2;
  return (
    <div className="min-w-64 text-sm">
      <input type="hidden" name="customer" value={chosen?.id ?? ""} />
      {chosen ? (
        <>
          <span className="mb-1 block text-slate-700">Customer</span>
          <span className="flex items-center gap-2">
            <span>
              <span className="font-medium">{chosen.name}</span> <span className="text-slate-600">{chosen.email}</span>
            </span>
            <button type="button" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50" onClick={() => setChosen(null)}>
              Change
            </button>
          </span>
        </>
      ) : (
        <>
          <label htmlFor="workspace-customer" className="mb-1 block text-slate-700">
            Customer
          </label>
          <input id="workspace-customer" className={inputClass} placeholder="Any customer: type a name or e-mail" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
          {typed && message ? <p className="text-slate-600">{message}</p> : null}
          <CustomerMatches label="Matching customers" matches={typed ? results : []} onPick={setChosen} />
        </>
      )}
    </div>
  );
}
