"use client";

import { useState, useTransition } from "react";
import type { UseFormReturn } from "react-hook-form";
import { TESTED_FIELDS, type UpdateResellerAccountInput } from "@/lib/settings/reseller-account-schemas";
import type { ConnectionTestResult } from "@/lib/settings/test-reseller-connection";
import { testConnectionAction } from "@/app/(app)/settings/accounts/actions";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Button } from "@/components/ui/button";

const money = (n: number) => n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * getAccountBalance with the values typed in the form, without saving them (server-side; an
 * empty password on a saved account uses the stored one). Shows the balance or Sectigo's error.
 */
export function ConnectionTest({ form, accountId }: { form: UseFormReturn<UpdateResellerAccountInput>; accountId?: string }) {
  const [result, setResult] = useState<ConnectionTestResult | { ok: false; message: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const run = () =>
    startTransition(async () => {
      setResult(null);
      const v = form.getValues();
      const response = await testConnectionAction({ id: accountId, loginName: v.loginName, apiBaseUrl: v.apiBaseUrl, mode: v.mode, password: v.password });
      // The errors beside the tested fields are this test's, never an earlier one's: a successful
      // test clears them all, a failed one shows only what it found.
      form.clearErrors(TESTED_FIELDS);
      if (!response.ok) {
        applyActionErrors(form.setError, response.error);
        setResult({ ok: false, message: response.error.message });
        return;
      }
      setResult(response.data);
    });

  return (
    <div className="space-y-2">
      <Button type="button" variant="secondary" disabled={pending} onClick={run}>
        {pending ? "Testing…" : "Test connection"}
      </Button>
      {result ? (
        <p role="status" data-testid="connection-result" className={`rounded-md px-3 py-2 text-sm ${result.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}>
          {result.ok
            ? `Connected. Balance: ${money(result.available)} ${result.currency} (Sectigo account ${result.accountId}, credit limit ${money(result.creditLimit)} ${result.currency}).`
            : "code" in result && result.code !== undefined
              ? `Sectigo error ${result.code}: ${result.message}`
              : `Connection failed: ${result.message}`}
        </p>
      ) : null}
    </div>
  );
}
