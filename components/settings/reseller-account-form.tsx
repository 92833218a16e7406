"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import {
  type SECTIGO_MODES,
  createResellerAccountSchema,
  updateResellerAccountSchema,
  type UpdateResellerAccountInput,
} from "@/lib/settings/reseller-account-schemas";
import { createResellerAccountAction, updateResellerAccountAction } from "@/app/(app)/settings/accounts/actions";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { ResellerAccountFields, type AccountFieldName } from "@/components/settings/reseller-account-fields";
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
export function ResellerAccountForm({ account, placeOrderProducts }: { account?: AccountFormValues; placeOrderProducts?: string[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  // Both schemas parse the same fields; the add schema ignores `id` and requires the password.
  const resolver = (account ? zodResolver(updateResellerAccountSchema) : zodResolver(createResellerAccountSchema)) as unknown as Resolver<Values>;
  const form = useForm<Values>({
    resolver,
    // After a field is left once, it is checked on every change: an error goes as soon as the value
    // is valid again (also one the server or a connection test put there).
    mode: "onTouched",
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

  // Each field's message as the view shows it; `deps` re-checks the URL when the mode changes
  // (switching to SANDBOX clears "LIVE needs https" at once).
  const shown = Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, (e as { message?: string } | undefined)?.message])) as Partial<Record<AccountFieldName, string>>;
  const reg = (name: AccountFieldName) => register(name, name === "mode" ? { deps: ["apiBaseUrl"] } : undefined);

  return (
    // method="post": never a GET that would put the password in the URL before hydration.
    <form method="post" onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label={account ? "Edit reseller account" : "Add reseller account"}>
      {message ? (
        <p role="status" className={`sm:col-span-2 rounded-md px-3 py-2 text-sm ${message.tone === "ok" ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}>
          {message.text}
        </p>
      ) : null}
      <ResellerAccountFields errors={shown} register={reg} editing={!!account} placeOrderProducts={placeOrderProducts} />
      <div className="flex flex-wrap items-start gap-3 sm:col-span-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : account ? "Save account" : "Add account"}
        </Button>
        <ConnectionTest form={form} accountId={account?.id} />
      </div>
    </form>
  );
}

