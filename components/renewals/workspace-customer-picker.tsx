"use client";

import { useState } from "react";
import { inputClass } from "@/components/ui/field";
import { searchWorkspaceCustomersAction } from "@/app/(app)/renewals/actions";
import { CustomerMatches } from "@/components/customers/customer-matches";
import { useSearchAsYouType } from "@/components/search/use-search-as-you-type";

type Pick = { id: string; name: string; email: string };

/** Module-level, so the search hook sees one stable function. */
const searchWorkspaceCustomers = (q: string) => searchWorkspaceCustomersAction({ q });

/**
 * Search-as-you-type customer filter; the pick travels in the GET form as `customer`. The search is
 * the order form's (components/search/use-search-as-you-type.ts); the markup is its own, so this
 * page does not ship the order form. A failed search shows its message and no stale matches.
 */
export function WorkspaceCustomerPicker({ initial }: { initial: Pick | null }) {
  const [chosen, setChosen] = useState<Pick | null>(initial);
  const { q, setQ, typed, results, message, failed } = useSearchAsYouType<Pick>(searchWorkspaceCustomers, { emptyMessage: "No customer matches." });
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
          <CustomerMatches label="Matching customers" matches={typed && !failed ? results : []} onPick={setChosen} />
        </>
      )}
    </div>
  );
}
