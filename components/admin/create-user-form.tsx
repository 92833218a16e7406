"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { createUserSchema } from "@/lib/users/user-schemas";
import { ROLES, ROLE_LABELS } from "@/lib/auth/roles";
import { createUserAction } from "@/app/(app)/settings/users/actions";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Field, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";

type Input = z.input<typeof createUserSchema>;
type Output = z.output<typeof createUserSchema>;

export function CreateUserForm() {
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { email: "", name: "", role: "STAFF", password: "" },
  });
  const { register, handleSubmit, reset, formState } = form;

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await createUserAction(values);
    if (!result.ok) {
      applyActionErrors(form.setError, result.error);
      setMessage({ tone: "error", text: result.error.message });
      return;
    }
    reset();
    setMessage({ tone: "ok", text: `Created ${result.data.email}. They can sign in now.` });
  });

  return (
    // method="post": submitted before the page is interactive, the browser must not put the
    // password in the URL (a GET form would, and the URL lands in history and logs).
    <form method="post" onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Create user">
      {message ? (
        <p
          role="status"
          className={`sm:col-span-2 rounded-md px-3 py-2 text-sm ${message.tone === "ok" ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}
        >
          {message.text}
        </p>
      ) : null}
      <Field id="new-email" label="Email" error={formState.errors.email?.message}>
        <input id="new-email" type="email" className={inputClass} aria-invalid={!!formState.errors.email || undefined} {...register("email")} />
      </Field>
      <Field id="new-name" label="Name" error={formState.errors.name?.message}>
        <input id="new-name" className={inputClass} aria-invalid={!!formState.errors.name || undefined} {...register("name")} />
      </Field>
      <Field id="new-role" label="Role" error={formState.errors.role?.message}>
        <select id="new-role" className={inputClass} {...register("role")}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="new-password" label="Initial password" error={formState.errors.password?.message} hint="At least 12 characters. Share it with them privately.">
        <input id="new-password" type="password" autoComplete="new-password" className={inputClass} aria-invalid={!!formState.errors.password || undefined} {...register("password")} />
      </Field>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Creating…" : "Create user"}
        </Button>
      </div>
    </form>
  );
}
