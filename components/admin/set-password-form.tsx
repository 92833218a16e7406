"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { setUserPasswordSchema } from "@/lib/users/user-schemas";
import { setUserPasswordAction } from "@/app/(app)/settings/users/actions";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Field, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";

type Input = z.input<typeof setUserPasswordSchema>;
type Output = z.output<typeof setUserPasswordSchema>;

/** Sets a user's password; the server ends all their sessions (this browser's too, if it is yours). */
export function SetPasswordForm({ userId, email, isSelf }: { userId: string; email: string; isSelf: boolean }) {
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(setUserPasswordSchema), defaultValues: { userId, password: "" } });
  const { register, handleSubmit, reset, formState } = form;

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await setUserPasswordAction(values);
    if (!result.ok) {
      applyActionErrors(form.setError, result.error);
      setMessage({ tone: "error", text: result.error.message });
      return;
    }
    reset({ userId, password: "" });
    const n = result.data.endedSessions;
    setMessage({
      tone: "ok",
      text: isSelf
        ? `New password set. All your sessions ended, this one too: sign in again with the new password.`
        : `New password set for ${email}; ${n} session${n === 1 ? "" : "s"} ended.`,
    });
  });

  return (
    // method="post": submitted before the page is interactive, the browser must not put the
    // password in the URL (a GET form would, and the URL lands in history and logs).
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-md space-y-4" aria-label="Set a new password">
      {message ? (
        <p role="status" className={`rounded-md px-3 py-2 text-sm ${message.tone === "ok" ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}>
          {message.text}
        </p>
      ) : null}
      <input type="hidden" {...register("userId")} />
      <Field id="set-password" label="New password" error={formState.errors.password?.message} hint="At least 12 characters. Every session of this user ends.">
        <input
          id="set-password"
          type="password"
          autoComplete="new-password"
          className={inputClass}
          aria-invalid={!!formState.errors.password || undefined}
          aria-describedby={formState.errors.password ? "set-password-error" : undefined}
          {...register("password")}
        />
      </Field>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Set password"}
      </Button>
    </form>
  );
}
