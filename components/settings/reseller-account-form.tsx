"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import {
  SECTIGO_MODES,
  createResellerAccountSchema,
  updateResellerAccountSchema,
  type UpdateResellerAccountInput,
} from "@/lib/settings/reseller-account-schemas";
import { createResellerAccountAction, updateResellerAccountAction } from "@/app/(app)/settings/accounts/actions";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Field, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { ConnectionTest } from "@/components/settings/connection-test";

/** What the edit page passes in: never the password. */
export interface AccountFormValues {
  id: string;
  label: string;
  loginName: string;
  apBrand: string | null;
  apiBaseUrl: string;
  mode: (typeof SECTIGO_MODES)[number];
  autoRenewDefault: boolean;
  isDefault: boolean;
}

type Values = UpdateResellerAccountInput;

/** Add (no `account`) or edit a reseller account. The password box is always empty: typing one replaces the stored one. */
export function ResellerAccountForm({ account }: { account?: AccountFormValues }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  // Both schemas parse the same fields; the add schema ignores `id` and requires the password.
  const resolver = (account ? zodResolver(updateResellerAccountSchema) : zodResolver(createResellerAccountSchema)) as unknown as Resolver<Values>;
  const form = useForm<Values>({
    resolver,
    defaultValues: account
      ? { ...account, apBrand: account.apBrand ?? "", password: "" }
      : { id: "", label: "", loginName: "", apBrand: "", apiBaseUrl: "", mode: "SANDBOX", autoRenewDefault: true, isDefault: false, password: "" },
  });
  const { register, handleSubmit, formState } = form;
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = account ? await updateResellerAccountAction(values) : await createResellerAccountAction(values);
    if (!result.ok) {
      applyActionErrors(form.setError, result.error);
      setMessage({ tone: "error", text: result.error.message });
      return;
    }
    if (!account) {
      router.push("/settings/accounts");
      router.refresh();
      return;
    }
    form.reset({ ...values, isDefault: result.data.isDefault, password: "" });
    setMessage({ tone: "ok", text: `Saved ${result.data.label}.${"passwordChanged" in result.data && result.data.passwordChanged ? " The new password is stored encrypted." : ""}` });
    router.refresh();
  });

  const input = (name: keyof Values) => ({ className: inputClass, "aria-invalid": !!errors[name] || undefined, ...register(name) });

  return (
    // method="post": never a GET that would put the password in the URL before hydration.
    <form method="post" onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label={account ? "Edit reseller account" : "Add reseller account"}>
      {message ? (
        <p role="status" className={`sm:col-span-2 rounded-md px-3 py-2 text-sm ${message.tone === "ok" ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}>
          {message.text}
        </p>
      ) : null}
      <Field id="acct-label" label="Label" error={errors.label?.message} hint="How staff see this account, e.g. “Main reseller (live)”.">
        <input id="acct-label" {...input("label")} />
      </Field>
      <Field id="acct-login" label="Sectigo login name" error={errors.loginName?.message}>
        <input id="acct-login" autoComplete="off" {...input("loginName")} />
      </Field>
      <Field
        id="acct-password"
        label="Sectigo password"
        error={errors.password?.message}
        hint={account ? "Leave empty to keep the stored password. It is never shown again." : "Stored encrypted; it is never shown again."}
      >
        <input id="acct-password" type="password" autoComplete="new-password" {...input("password")} />
      </Field>
      <Field id="acct-brand" label="Brand (ap)" error={errors.apBrand?.message} hint="Optional: the `ap` value Sectigo gave you for ordering URLs.">
        <input id="acct-brand" {...input("apBrand")} />
      </Field>
      <Field id="acct-url" label="API base URL" error={errors.apiBaseUrl?.message} hint="Sectigo’s /products/ root, e.g. https://secure.trust-provider.com/products/">
        <input id="acct-url" type="url" {...input("apiBaseUrl")} />
      </Field>
      <Field id="acct-mode" label="Mode" error={errors.mode?.message} hint="LIVE places real orders and requires https.">
        {/* deps: switching to SANDBOX clears the "LIVE needs https" error on the URL at once. */}
        <select id="acct-mode" {...input("mode")} {...register("mode", { deps: ["apiBaseUrl"] })}>
          {SECTIGO_MODES.map((m) => (
            <option key={m} value={m}>
              {m === "LIVE" ? "LIVE (real orders)" : "SANDBOX (test)"}
            </option>
          ))}
        </select>
      </Field>
      <Checkbox id="acct-autorenew" label="New licences renew automatically by default" error={errors.autoRenewDefault?.message} register={register("autoRenewDefault")} />
      <Checkbox id="acct-default" label="Default account for new orders" error={errors.isDefault?.message} register={register("isDefault")} />
      <div className="flex flex-wrap items-start gap-3 sm:col-span-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : account ? "Save account" : "Add account"}
        </Button>
        <ConnectionTest form={form} accountId={account?.id} />
      </div>
    </form>
  );
}

function Checkbox(props: { id: string; label: string; error?: string; register: ReturnType<ReturnType<typeof useForm<Values>>["register"]> }) {
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <input id={props.id} type="checkbox" className="h-4 w-4" aria-invalid={!!props.error || undefined} aria-describedby={props.error ? `${props.id}-error` : undefined} {...props.register} />
        {props.label}
      </label>
      {props.error ? (
        <p id={`${props.id}-error`} className="text-sm text-red-700">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
