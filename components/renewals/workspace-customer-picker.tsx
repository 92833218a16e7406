"use client";

import { useState } from "react";
import { SearchPicker } from "@/components/orders/order-form";
import { searchWorkspaceCustomersAction } from "@/app/(app)/renewals/actions";

type Pick = { id: string; name: string; email: string };

/** Search-as-you-type customer filter: the pick travels in the GET form as `customer`. */
export function WorkspaceCustomerPicker({ initial }: { initial: Pick | null }) {
  const [chosen, setChosen] = useState<Pick | null>(initial);
  return (
    <div className="min-w-64 text-sm">
      <input type="hidden" name="customer" value={chosen?.id ?? ""} />
      <SearchPicker<Pick>
        id="workspace-customer"
        label="Customer"
        placeholder="Any customer: type a name or e-mail"
        search={(q) => searchWorkspaceCustomersAction({ q })}
        chosen={chosen}
        onPick={setChosen}
        describeChosen={(c) => (
          <>
            <span className="font-medium">{c.name}</span> <span className="text-slate-600">{c.email}</span>
          </>
        )}
        describeResult={(c) => (
          <>
            {c.name} <span className="text-slate-600">{c.email}</span>
          </>
        )}
      />
    </div>
  );
}
