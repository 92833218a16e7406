"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setResellerAccountEnabledAction } from "@/app/(app)/settings/accounts/actions";
import { Button } from "@/components/ui/button";

/** Disable (after a confirmation naming what it does) or enable an account again. */
export function AccountEnabledToggle({ account }: { account: { id: string; label: string; disabled: boolean; isDefault: boolean } }) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (enabled: boolean) =>
    startTransition(async () => {
      setError(null);
      const result = await setResellerAccountEnabledAction({ id: account.id, enabled });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setAsking(false);
      router.refresh();
    });

  if (account.disabled) {
    return (
      <span className="space-y-1">
        <Button type="button" variant="secondary" disabled={pending} onClick={() => run(true)} aria-label={`Enable ${account.label}`}>
          Enable
        </Button>
        {error ? <span role="alert" className="block text-xs text-red-700">{error}</span> : null}
      </span>
    );
  }
  if (!asking) {
    return (
      <Button type="button" variant="secondary" disabled={pending} onClick={() => setAsking(true)} aria-label={`Disable ${account.label}`}>
        Disable
      </Button>
    );
  }
  return (
    <span role="group" aria-label={`Disable ${account.label}?`} className="block max-w-72 space-y-2 text-xs text-slate-700">
      <span className="block">
        Disable {account.label}? It is no longer offered for new orders, renewals or syncs, and no job uses it. Its orders, licenses and audit history stay; you can enable it again.
      </span>
      <span className="flex gap-2">
        <Button type="button" variant="danger" disabled={pending} onClick={() => run(false)}>
          {pending ? "Disabling…" : "Disable account"}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => setAsking(false)}>
          Cancel
        </Button>
      </span>
      {error ? <span role="alert" className="block text-red-700">{error}</span> : null}
    </span>
  );
}
