"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { addOnKeyAfter } from "./add-on-key";
import { orderAddOnAction, renewLicenseAction, setAutoRenewAction } from "@/app/(app)/licenses/[id]/actions";
import { inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { formatDate } from "@/components/ui/format";
import type { RenewLicenseResult } from "@/lib/licenses/actions/renew";
import type { SetAutoRenewResult } from "@/lib/licenses/actions/set-auto-renew";

type Note = { tone: "ok" | "error"; text: string; orderId?: string } | null;

function NoteLine({ note }: { note: Note }) {
  if (!note) return null;
  return (
    <p role="status" className={`mt-2 text-sm ${note.tone === "error" ? "text-red-700" : "text-green-800"}`} data-testid="license-action-result">
      {note.text}
      {note.orderId ? (
        <>
          {" "}
          <Link className="text-brand-700 underline" href={`/orders/${note.orderId}`}>See the order</Link>
        </>
      ) : null}
    </p>
  );
}

function renewalNote(r: RenewLicenseResult): Note {
  if (!r.ok) return { tone: "error", text: r.message, orderId: r.orderId };
  if (r.status === "PLACED") {
    const expiry = r.newExpiresAt ? ` New expiry: ${formatDate(new Date(r.newExpiresAt))}.` : "";
    return { tone: "ok", text: `${r.duplicate ? "This renewal was already placed." : "Renewed: Sectigo placed the order."}${expiry}`, orderId: r.orderId };
  }
  if (r.status === "UNKNOWN" || r.status === "SUBMITTING") {
    return { tone: "error", text: "Sectigo's answer was lost, so whether the renewal was placed is not known yet. It will not be sent again; Order Desk is checking with Sectigo.", orderId: r.orderId };
  }
  return { tone: "ok", text: `The renewal is ${r.status.toLowerCase().replace(/_/g, " ")}.`, orderId: r.orderId };
}

/** Renew with a confirmation that shows the price and the new expiry before anything is sent. */
export function RenewButton(props: { licenseId: string; expiresAt: string; domainName: string; termLabel: string; priceText: string; newExpiryText: string }) {
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const renew = () =>
    startTransition(async () => {
      setNote(null);
      const result = await renewLicenseAction({ licenseId: props.licenseId, expiresAt: props.expiresAt });
      setConfirming(false);
      // An order was made: the page itself shows it (and the new expiry) from the URL, so the
      // result survives the refresh that replaces this button.
      if (result.ok && result.data.orderId) return router.replace(`/licenses/${props.licenseId}?renewed=${encodeURIComponent(result.data.orderId)}`);
      setNote(result.ok ? renewalNote(result.data) : { tone: "error", text: result.error.message });
      router.refresh();
    });
  return (
    <div>
      {confirming ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" role="group" aria-label="Confirm the renewal">
          <p>
            Renew <span className="font-medium">{props.domainName}</span> for {props.termLabel} at <span className="font-medium">{props.priceText}</span>? The new expiry will be{" "}
            <span className="font-medium">{props.newExpiryText}</span>. Sectigo debits the reseller account.
          </p>
          <div className="mt-2 flex gap-2">
            <Button disabled={pending} onClick={renew}>{pending ? "Renewing…" : "Confirm renewal"}</Button>
            <Button variant="secondary" disabled={pending} onClick={() => setConfirming(false)}>Cancel</Button>
          </div>
        </div>
      ) : (
        <Button onClick={() => setConfirming(true)} disabled={pending}>Renew</Button>
      )}
      <NoteLine note={note} />
    </div>
  );
}

export function AutoRenewSwitch({ licenseId, autoRenew }: { licenseId: string; autoRenew: boolean }) {
  const [note, setNote] = useState<Note>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const toggle = () =>
    startTransition(async () => {
      setNote(null);
      const result = await setAutoRenewAction({ licenseId, autoRenew: !autoRenew });
      const r: SetAutoRenewResult | null = result.ok ? result.data : null;
      if (!result.ok) setNote({ tone: "error", text: result.error.message });
      else if (r && !r.ok) setNote({ tone: "error", text: r.message });
      else setNote({ tone: "ok", text: `Auto-renew is ${r?.ok && r.autoRenew ? "on" : "off"} at Sectigo.` });
      router.refresh();
    });
  return (
    <div>
      <Button variant="secondary" role="switch" aria-checked={autoRenew} disabled={pending} onClick={toggle}>
        {pending ? "Asking Sectigo…" : autoRenew ? "Switch auto-renew off" : "Switch auto-renew on"}
      </Button>
      <NoteLine note={note} />
    </div>
  );
}

/**
 * "Add an add-on": the add-ons the license's plan may take, ordered through the pipeline as kind
 * ADD_ON on this license. The submission key is made when the form is shown, so a double click or
 * a retry is one order; a new key only after a known outcome (add-on-key.ts: never after UNKNOWN).
 */
export function AddOnForm({ licenseId, options }: { licenseId: string; options: Array<{ productId: number; name: string; priceText: string }> }) {
  const [picked, setProductCode] = useState(String(options[0]?.productId ?? ""));
  // After an order the list shrinks (the page refreshed): fall back to the first one still offered.
  const productCode = options.some((o) => String(o.productId) === picked) ? picked : String(options[0]?.productId ?? "");
  // Not rendered, so the server's and the browser's keys may differ: the browser's is the one sent.
  const [submissionKey, setSubmissionKey] = useState(() => crypto.randomUUID());
  const [note, setNote] = useState<Note>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const chosen = options.find((o) => String(o.productId) === productCode);
  const submit = () =>
    startTransition(async () => {
      setNote(null);
      const result = await orderAddOnAction({ licenseId, productCode: Number(productCode), submissionKey });
      if (!result.ok) return setNote({ tone: "error", text: result.error.fieldErrors?.productCode?.[0] ?? result.error.message });
      const r = result.data;
      setSubmissionKey((key) => addOnKeyAfter(r, key, () => crypto.randomUUID()));
      if (!r.ok) setNote({ tone: "error", text: r.message, orderId: r.orderId });
      else {
        const text = r.status === "PLACED" ? `${chosen?.name ?? "The add-on"} was added: Sectigo placed the order.` : r.status === "UNKNOWN" ? "Sectigo's answer was lost; Order Desk is checking whether the add-on was placed (it will not be sent again)." : `The add-on order is ${r.status.toLowerCase().replace(/_/g, " ")}.`;
        setNote({ tone: r.status === "UNKNOWN" ? "error" : "ok", text, orderId: r.orderId });
      }
      router.refresh();
    });
  return (
    <div className="mt-3">
      <label htmlFor="add-on-choice" className="block text-sm font-medium text-slate-800">Add an add-on</label>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <select id="add-on-choice" className={`${inputClass} max-w-xs`} value={productCode} onChange={(e) => setProductCode(e.target.value)} disabled={pending}>
          {options.map((o) => (
            <option key={o.productId} value={o.productId}>{o.name} · {o.priceText}</option>
          ))}
        </select>
        <Button variant="secondary" disabled={pending || !submissionKey || !chosen} onClick={submit}>
          {pending ? "Ordering…" : `Order ${chosen?.name ?? "add-on"}`}
        </Button>
      </div>
      <NoteLine note={note} />
    </div>
  );
}
