"use client";

import Link from "next/link";

import { Badge, type Tone } from "@/components/ui/badge";
import { Td } from "@/components/ui/table";

/** One license of the list, as plain strings: what the page sends to render its rows. */
export interface WorkspaceRowView {
  id: string;
  domainName: string;
  customer: string;
  product: string;
  termDays: number | null;
  addOns: string;
  expires: string;
  bucket: { label: string; tone: Tone } | null;
  autoRenew: boolean;
  manager: string | null;
}

/**
 * The rows of the renewals list. A client component on purpose: the page sends 50 rows as data
 * (~150 bytes each) instead of their element tree (~1.2 KB each in the RSC payload, besides the
 * same again as HTML), which was most of /renewals' server time at 1,000,000 orders (issue 19 item 4).
 */
export function WorkspaceRows({ rows, canRenew }: { rows: WorkspaceRowView[]; canRenew: boolean }) {
  return rows.map((l) => (
    <tr key={l.id} data-testid="workspace-row">
      {canRenew ? (
        <Td phone="corner">
          <input type="checkbox" name="license" value={l.id} aria-label={`Select ${l.domainName}`} className="h-4 w-4" />
        </Td>
      ) : null}
      <Td span="all">
        <Link href={`/licenses/${l.id}`} className="font-medium text-brand-700 hover:underline">
          {l.domainName}
        </Link>
      </Td>
      <Td label="Customer">{l.customer}</Td>
      <Td label="Product" span="all">
        {l.product}
        {l.termDays ? <span className="text-slate-600"> · {l.termDays} days</span> : null}
        {l.addOns ? <span className="block text-xs text-slate-600">+ {l.addOns}</span> : null}
      </Td>
      <Td label="Expires" className="whitespace-nowrap">{l.expires}</Td>
      <Td label="Bucket" phone="hide">{l.bucket ? <Badge tone={l.bucket.tone}>{l.bucket.label}</Badge> : "—"}</Td>
      <Td label="Auto-renew">{l.autoRenew ? "On" : "Off"}</Td>
      <Td label="Account manager" phone="hide">{l.manager ?? <span className="text-slate-600">None</span>}</Td>
    </tr>
  ));
}
