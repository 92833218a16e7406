"use client";

import { Button } from "@/components/ui/button";
import { confirmLabel, type Confirmation } from "@/lib/orders/server-confirmations";

/** The server's questions about this order (no sell price, a near-duplicate), answered by one button. */
export function OrderQuestions({ questions, pending, onConfirm, onCancel }: { questions: Confirmation[]; pending: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div role="alertdialog" aria-label="Confirm the order" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      {questions.map((q) => (
        <p key={q.key}>{q.message}</p>
      ))}
      <div className="flex gap-3">
        <Button type="button" disabled={pending} onClick={onConfirm}>
          {confirmLabel(questions)}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Don&apos;t place it
        </Button>
      </div>
    </div>
  );
}
