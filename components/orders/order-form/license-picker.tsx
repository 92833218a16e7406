"use client";

import { useMemo } from "react";
import { searchLicensesAction } from "@/app/(app)/orders/actions";
import { SearchPicker } from "./search-picker";
import type { LicensePick } from "./types";

/** The SiteLock license an add-on is for, found by its domain. */
export function LicensePicker({ accountId, chosen, onPick }: { accountId: string; chosen: LicensePick | null; onPick: (l: LicensePick | null) => void }) {
  const search = useMemo(() => (q: string) => searchLicensesAction({ resellerAccountId: accountId, q }), [accountId]);
  return (
    <SearchPicker
      id="license-search"
      label="The SiteLock license this add-on is for: type its domain"
      placeholder="example.com"
      search={search}
      chosen={chosen}
      onPick={onPick}
      describeChosen={(l) => (
        <>
          For <span className="font-medium">{l.domainName}</span> ({l.productName}, order {l.currentOrderNumber ?? "?"}) of {l.customer.name}
          {l.addOns.length ? <span className="block text-slate-600">Has: {l.addOns.map((a) => a.productName).join(", ")}</span> : null}
        </>
      )}
      describeResult={(l) => (
        <>
          {l.domainName} <span className="text-slate-600">· {l.productName} · {l.customer.name}</span>
        </>
      )}
    />
  );
}
