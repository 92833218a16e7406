"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { decideAuthorizationAction, reconcileOrderAction, settleUnknownOrderAction } from "@/app/(app)/orders/actions";
import { Button } from "@/components/ui/button";
import type { Candidate } from "@/lib/orders/reconcile-order";

type Result = { ok: true; data: unknown } | { ok: false; error: { message: string } };

function useRun() {
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const run = (action: () => Promise<Result>, describe: (data: never) => string) =>
    startTransition(async () => {
      setMessage(null);
      const result = await action();
      if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
      setMessage({ tone: "ok", text: describe(result.data as never) });
      router.refresh();
    });
  const note = message ? (
    <p role="status" className={`mt-2 text-sm ${message.tone === "error" ? "text-red-700" : "text-slate-700"}`}>
      {message.text}
    </p>
  ) : null;
  return { run, pending, note };
}

const RECONCILE_TEXT: Record<string, string> = {
  PLACED: "Sectigo has the order: it is now recorded as placed.",
  NOT_PLACED: "Sectigo has no such order: it was not placed.",
  NEEDS_A_PERSON: "Several orders at Sectigo could be this one: pick the right one below.",
  NOT_YET: "No answer yet; Order Desk keeps checking.",
  SETTLED_ALREADY: "This order was settled a moment ago.",
  REJECTED: "Sectigo shows the order as rejected.",
  AWAITING_AUTHORIZATION: "The decision did not reach Sectigo; the order waits for authorization again.",
};

export function ReconcileButton({ orderId }: { orderId: string }) {
  const { run, pending, note } = useRun();
  return (
    <div>
      <Button disabled={pending} onClick={() => run(() => reconcileOrderAction({ orderId }), (d: { outcome: string; reason?: string }) => d.reason ?? RECONCILE_TEXT[d.outcome] ?? d.outcome)}>
        {pending ? "Asking Sectigo…" : "Check with Sectigo now"}
      </Button>
      {note}
    </div>
  );
}

export function AuthorizationButtons({ orderId, orderNumber }: { orderId: string; orderNumber: string }) {
  const { run, pending, note } = useRun();
  const [confirming, setConfirming] = useState<"AUTHORIZE" | "REJECT" | null>(null);
  const decide = (decision: "AUTHORIZE" | "REJECT") =>
    run(
      () => decideAuthorizationAction({ orderId, decision }),
      (d: { outcome: string; message?: string }) =>
        d.outcome === "AUTHORIZED" ? `Order ${orderNumber} authorized.` : d.outcome === "REJECTED" ? `Order ${orderNumber} rejected.` : d.outcome === "ALREADY_DECIDED" ? "Someone else decided this order already." : (d.message ?? d.outcome),
    );
  return (
    <div>
      {confirming ? (
        <span role="group" aria-label="Confirm the decision" className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 p-2">
          <span className="text-sm text-amber-900">
            {confirming === "AUTHORIZE" ? `Authorize order ${orderNumber}? Sectigo debits your account.` : `Reject order ${orderNumber}? It is cancelled at Sectigo.`}
          </span>
          <Button variant={confirming === "REJECT" ? "danger" : "primary"} disabled={pending} onClick={() => decide(confirming)}>
            {confirming === "AUTHORIZE" ? "Yes, authorize" : "Yes, reject"}
          </Button>
          <Button variant="secondary" disabled={pending} onClick={() => setConfirming(null)}>
            Cancel
          </Button>
        </span>
      ) : (
        <span className="flex gap-2">
          <Button disabled={pending} onClick={() => setConfirming("AUTHORIZE")}>Authorize</Button>
          <Button variant="danger" disabled={pending} onClick={() => setConfirming("REJECT")}>Reject</Button>
        </span>
      )}
      {note}
    </div>
  );
}

export function SettleCandidates({ orderId, candidates }: { orderId: string; candidates: Candidate[] }) {
  const { run, pending, note } = useRun();
  const [choice, setChoice] = useState<string>("");
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (choice) run(() => settleUnknownOrderAction({ orderId, choice }), (d: { status: string }) => (d.status === "FAILED" ? "Recorded as not placed." : "Recorded as placed."));
      }}
    >
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800">Which of these orders at Sectigo is this one?</legend>
        {candidates.map((c) => (
          <label key={c.orderNumber} className="flex items-center gap-2 text-sm">
            <input type="radio" name="choice" value={c.orderNumber} checked={choice === c.orderNumber} onChange={() => setChoice(c.orderNumber)} />
            Order {c.orderNumber} · {c.domainName ?? "no domain"} · products {c.productCodes.join(", ") || "?"} · {c.placedAt ? new Date(c.placedAt).toUTCString() : "time unknown"} · {c.status ?? ""}
          </label>
        ))}
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="choice" value="NOT_PLACED" checked={choice === "NOT_PLACED"} onChange={() => setChoice("NOT_PLACED")} />
          None of these: the order was not placed
        </label>
      </fieldset>
      <Button className="mt-2" type="submit" disabled={pending || !choice}>
        Record my answer
      </Button>
      {note}
    </form>
  );
}
