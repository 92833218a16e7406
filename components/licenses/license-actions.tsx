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

export interface AddOnTermChoice {
  days: number;
  label: string;
  priceText: string;
  endsText: string;
  outlivesLicense: boolean;
  /** The server's question for this term (lib/licenses/actions/add-on-offer.ts): shown, then its key sent. */
  question: { key: string; message: string };
}

/**
 * "Add an add-on": the add-ons the license's plan may take, ordered through the pipeline as kind
 * ADD_ON on this license. Nothing is sent on the first click: the confirmation shows the price and
 * the date the term ends (and warns, before the click, when the term outlives the license); the
 * server refuses an add-on whose question was not answered. The submission key is made when the
 * form is shown, so a double click or a retry is one order; a new key only after a known outcome
 * (add-on-key.ts: never after UNKNOWN).
 */
export function AddOnForm({ licenseId, options }: { licenseId: string; options: Array<{ productId: number; name: string; terms: AddOnTermChoice[]; defaultDays?: number }> }) {
  const [picked, setProductCode] = useState(String(options[0]?.productId ?? ""));
  // After an order the list shrinks (the page refreshed): fall back to the first one still offered.
  const productCode = options.some((o) => String(o.productId) === picked) ? picked : String(options[0]?.productId ?? "");
  const chosen = options.find((o) => String(o.productId) === productCode);
  const [pickedDays, setDays] = useState<string>("");
  const term = chosen?.terms.find((t) => String(t.days) === pickedDays) ?? chosen?.terms.find((t) => t.days === chosen.defaultDays) ?? chosen?.terms[0];
  // Not rendered, so the server's and the browser's keys may differ: the browser's is the one sent.
  const [submissionKey, setSubmissionKey] = useState(() => crypto.randomUUID());
  /** The question on screen: the page's own, or the server's when it asked again (a stale tab). */
  const [question, setQuestion] = useState<{ keys: string[]; message: string; outlives: boolean } | null>(null);
  const [note, setNote] = useState<Note>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const ask = () => {
    setNote(null);
    if (term) setQuestion({ keys: [term.question.key], message: term.question.message, outlives: term.outlivesLicense });
  };
  const submit = (confirmed: string[]) =>
    startTransition(async () => {
      setNote(null);
      const result = await orderAddOnAction({ licenseId, productCode: Number(productCode), days: term?.days, submissionKey, confirmed });
      if (!result.ok) {
        setQuestion(null);
        return setNote({ tone: "error", text: result.error.fieldErrors?.productCode?.[0] ?? result.error.fieldErrors?.days?.[0] ?? result.error.message });
      }
      const r = result.data;
      if (!r.ok && r.code === "NEEDS_CONFIRMATION") {
        // Nothing was sent: the price or a date changed since the page was drawn. Ask again with the server's words.
        return setQuestion({ keys: r.confirmations.map((c) => c.key), message: r.message, outlives: r.offer.outlivesLicense });
      }
      setQuestion(null);
      setSubmissionKey((key) => addOnKeyAfter(r, key, () => crypto.randomUUID()));
      if (!r.ok) setNote({ tone: "error", text: r.message, orderId: r.orderId });
      else {
        const text = r.status === "PLACED" ? `${chosen?.name ?? "The add-on"} was added for ${term?.label ?? "its term"}, until ${term?.endsText ?? "the end of its term"}: Sectigo placed the order.` : r.status === "UNKNOWN" ? "Sectigo's answer was lost; Order Desk is checking whether the add-on was placed (it will not be sent again)." : `The add-on order is ${r.status.toLowerCase().replace(/_/g, " ")}.`;
        setNote({ tone: r.status === "UNKNOWN" ? "error" : "ok", text, orderId: r.orderId });
      }
      router.refresh();
    });
  return (
    <div className="mt-3">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="add-on-choice" className="block text-sm font-medium text-slate-800">Add an add-on</label>
          <select id="add-on-choice" className={`${inputClass} mt-1 max-w-xs`} value={productCode} onChange={(e) => { setProductCode(e.target.value); setDays(""); setQuestion(null); }} disabled={pending}>
            {options.map((o) => (
              <option key={o.productId} value={o.productId}>{o.name}</option>
            ))}
          </select>
        </div>
        {chosen ? (
          <div>
            <label htmlFor="add-on-term" className="block text-sm font-medium text-slate-800">Term</label>
            <select id="add-on-term" className={`${inputClass} mt-1 max-w-md`} value={String(term?.days ?? "")} onChange={(e) => { setDays(e.target.value); setQuestion(null); }} disabled={pending}>
              {chosen.terms.map((t) => (
                <option key={t.days} value={t.days}>
                  {t.label} · {t.priceText} · ends {t.endsText}{t.outlivesLicense ? " (outlives the license)" : " (ends with the license)"}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {question ? null : (
          <Button variant="secondary" disabled={pending || !submissionKey || !term} onClick={ask}>
            {`Order ${chosen?.name ?? "add-on"}…`}
          </Button>
        )}
      </div>
      {term?.outlivesLicense && !question ? (
        <p className="mt-2 text-sm text-amber-800" role="note" data-testid="add-on-outlives">
          This term ends on {term.endsText}, after its license ends: an add-on cannot be used without its license, so renew the license too or choose a shorter term.
        </p>
      ) : null}
      {question ? (
        <div className={`mt-3 rounded-md border p-3 text-sm ${question.outlives ? "border-amber-300 bg-amber-50" : "border-slate-300 bg-slate-50"}`} role="group" aria-label="Confirm the add-on" data-testid="add-on-question">
          <p>{question.message}</p>
          <div className="mt-2 flex gap-2">
            <Button disabled={pending} onClick={() => submit(question.keys)}>{pending ? "Ordering…" : "Confirm add-on"}</Button>
            <Button variant="secondary" disabled={pending} onClick={() => setQuestion(null)}>Back</Button>
          </div>
        </div>
      ) : null}
      <NoteLine note={note} />
    </div>
  );
}
