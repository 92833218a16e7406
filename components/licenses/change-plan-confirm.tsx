"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { changePlanAction } from "@/app/(app)/licenses/[id]/change-plan/actions";
import { Button } from "@/components/ui/button";

const OUTCOME_TEXT: Record<string, string> = {
  PLACED: "Done: Sectigo changed the plan.",
  AWAITING_AUTHORIZATION: "Sectigo accepted the change; it waits for authorization.",
  ALREADY_SUBMITTED: "This change was already sent; nothing was sent again.",
};

/** The one button that spends money: its submission key makes a double click or a second tab reach Sectigo once. */
export function ChangePlanConfirm(props: { licenseId: string; productCode: number; direction: "UPGRADE" | "DOWNGRADE"; targetName: string; submissionKey: string }) {
  const [result, setResult] = useState<{ tone: "ok" | "error"; text: string; orderId?: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const confirm = () =>
    startTransition(async () => {
      setResult(null);
      const r = await changePlanAction({ licenseId: props.licenseId, productCode: props.productCode, submissionKey: props.submissionKey });
      if (!r.ok) return setResult({ tone: "error", text: r.error.fieldErrors?.productCode?.[0] ?? r.error.message });
      if (!r.data.ok) return setResult({ tone: "error", text: r.data.message, orderId: r.data.orderId });
      // Done: the license page, whose header now names the new plan, says what was done (from the
      // URL, so it survives a reload). This page's own header named the old plan (issue 18 item 4).
      if (r.data.outcome === "PLACED" || r.data.outcome === "AWAITING_AUTHORIZATION") return router.push(`/licenses/${props.licenseId}?changed=${encodeURIComponent(r.data.orderId)}`);
      setResult({ tone: "ok", text: r.data.message ?? OUTCOME_TEXT[r.data.outcome] ?? r.data.outcome, orderId: r.data.orderId });
    });
  const done = result?.tone === "ok";
  return (
    <div>
      <Button onClick={confirm} disabled={pending || done}>
        {pending ? "Sending to Sectigo…" : `Confirm ${props.direction === "UPGRADE" ? "upgrade" : "downgrade"} to ${props.targetName}`}
      </Button>
      {result ? (
        <p role="status" data-testid="change-plan-result" className={`mt-2 text-sm ${result.tone === "error" ? "text-red-700" : "text-slate-800"}`}>
          {result.text}{" "}
          {result.orderId ? (
            <Link href={`/orders/${result.orderId}`} className="text-brand-700 hover:underline">
              See the order
            </Link>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
