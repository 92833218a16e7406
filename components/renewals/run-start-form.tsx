"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { startRenewalRunAction } from "@/app/(app)/renewals/runs/new/actions";
import type { RunSelection } from "@/lib/licenses/bulk-renewal/run-selection";
import { Button } from "@/components/ui/button";

/** One submission key per page view: a double click or a retry starts the same run once. */
export function RunStartForm({ selection, count }: { selection: RunSelection; count: number }) {
  const router = useRouter();
  const [submissionKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        startTransition(async () => {
          const result = await startRenewalRunAction({ submissionKey, selection });
          if (result.ok) router.push(`/renewals/runs/${result.data.runId}`);
          else setError(result.error.message);
        });
      }}
    >
      <Button type="submit" disabled={pending}>
        {pending ? "Starting…" : `Start run of ${count} renewal${count === 1 ? "" : "s"}`}
      </Button>
      {error ? (
        <p className="mt-2 text-sm text-red-700" data-testid="run-start-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
