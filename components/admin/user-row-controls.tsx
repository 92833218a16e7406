"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { Role } from "@/lib/auth/roles";
import { ROLES, ROLE_LABELS } from "@/lib/auth/roles";
import { changeUserRoleAction, setUserDisabledAction } from "@/app/(app)/settings/users/actions";
import { Button } from "@/components/ui/button";

export function UserRowControls(props: { userId: string; email: string; role: Role; disabled: boolean; isSelf: boolean }) {
  const [role, setRole] = useState<Role>(props.role);
  const [error, setError] = useState<string | null>(null);
  const [confirmingDisable, setConfirmingDisable] = useState(false);
  const [pending, startTransition] = useTransition();
  const router = useRouter();

  const run = (action: () => Promise<{ ok: boolean; error?: { message: string } }>) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      setConfirmingDisable(false);
      if (!result.ok) setError(result.error?.message ?? "That did not work.");
      else router.refresh();
    });

  if (props.isSelf) return <span className="text-xs text-slate-600">This is you</span>;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={`role-${props.userId}`}>
        Role for {props.email}
      </label>
      <select id={`role-${props.userId}`} value={role} onChange={(e) => setRole(e.target.value as Role)} className="w-44 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <Button variant="secondary" disabled={pending || role === props.role} onClick={() => run(() => changeUserRoleAction({ userId: props.userId, role }))}>
        Save role
      </Button>
      {props.disabled ? (
        <Button variant="secondary" disabled={pending} onClick={() => run(() => setUserDisabledAction({ userId: props.userId, disabled: false }))}>
          Enable
        </Button>
      ) : confirmingDisable ? (
        // Disabling signs the user out everywhere at once: ask before doing it.
        <span role="group" aria-label={`Confirm disabling ${props.email}`} className="flex items-center gap-2 rounded-md bg-red-50 px-2 py-1">
          <span className="text-sm text-red-800">Disable and sign them out?</span>
          <Button variant="danger" disabled={pending} onClick={() => run(() => setUserDisabledAction({ userId: props.userId, disabled: true }))}>
            Yes, disable
          </Button>
          <Button variant="secondary" disabled={pending} onClick={() => setConfirmingDisable(false)}>
            Cancel
          </Button>
        </span>
      ) : (
        <Button variant="danger" disabled={pending} onClick={() => setConfirmingDisable(true)}>
          Disable
        </Button>
      )}
      {error ? <p className="w-full text-sm text-red-700">{error}</p> : null}
    </div>
  );
}
