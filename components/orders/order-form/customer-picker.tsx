"use client";

import { useMemo } from "react";
import { searchCustomersAction } from "@/app/(app)/orders/actions";
import { SearchPicker } from "./search-picker";
import type { CustomerPick } from "./types";

/** A new customer is typed into the form; an existing one is picked here (its details then fill the form). */
export function CustomerPicker({ accountId, chosen, onPick }: { accountId: string; chosen: CustomerPick | null; onPick: (c: CustomerPick | null) => void }) {
  const search = useMemo(() => (q: string) => searchCustomersAction({ resellerAccountId: accountId, q }), [accountId]);
  return (
    <SearchPicker
      id="customer-search"
      intro="A new customer: fill in their details below. Or pick one we already have:"
      label="Find an existing customer"
      placeholder="Existing customer: type an e-mail or a name"
      search={search}
      chosen={chosen}
      onPick={onPick}
      describeChosen={(c) => (
        <>
          Existing customer: <span className="font-medium">{c.name}</span> <span className="text-slate-600">{c.email}</span>
          {c.orders?.[0]?.orderNumber ? (
            <span className="block text-xs text-slate-600">For SiteLock: a new domain on their account, with their order {c.orders[0].orderNumber} as the previous order number.</span>
          ) : null}
        </>
      )}
      describeResult={(c) => (
        <>
          {c.name} <span className="text-slate-600">{c.email}</span>
        </>
      )}
    />
  );
}
