"use client";

import { useState, useSyncExternalStore } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { signInSchema, safeCallbackUrl, type SignInInput } from "@/lib/auth/sign-in-schema";
import { Field, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";

const noSubscription = () => () => {};

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  // Set once React owns the form: before that a click is a plain POST that reloads this page.
  // Tests wait for it instead of racing hydration.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const {
    register,
    handleSubmit,
    resetField,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({ resolver: zodResolver(signInSchema), defaultValues: { email: "", password: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error || !result.ok) {
      // Keep the email; clear only the password.
      resetField("password");
      setFormError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Wrong email or password.");
      return;
    }
    window.location.assign(safeCallbackUrl(callbackUrl));
  });

  return (
    // method="post": submitted before the page is interactive, the browser must not put the
    // password in the URL (a GET form would, and the URL lands in history and logs).
    <form
      method="post"
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
      aria-label="Sign in"
      data-hydrated={hydrated ? "true" : undefined}
    >
      {formError ? (
        <div role="alert" data-testid="signin-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </div>
      ) : null}
      <Field id="email" label="Email" error={errors.email?.message}>
        <input
          id="email"
          type="email"
          autoComplete="username"
          aria-invalid={errors.email ? true : undefined}
          className={inputClass}
          {...register("email")}
        />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={errors.password ? true : undefined}
          className={inputClass}
          {...register("password")}
        />
      </Field>
      <Button type="submit" disabled={isSubmitting} className="w-full">
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
