"use client";

import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { savePlanPriceSchema, sellsAtALoss } from "@/lib/settings/plan-price-schemas";
import type { PlanPriceRow } from "@/lib/settings/list-plan-prices";
import { marginOf } from "@/lib/settings/margin";
import { savePlanPriceAction } from "@/app/(app)/settings/prices/actions";
import { applyActionErrors } from "@/components/ui/apply-action-errors";
import { Button } from "@/components/ui/button";

type Input = z.input<typeof savePlanPriceSchema>;
type Output = z.output<typeof savePlanPriceSchema>;

const cell = "px-3 py-2 align-top text-sm";
const small = "block w-24 rounded-md border border-slate-400 bg-white px-2 py-1 text-sm text-slate-900 placeholder:text-slate-500 focus:outline-2 focus:outline-offset-1 focus:outline-brand-600 aria-[invalid=true]:border-red-600";

/** A plan's price row: its own small form (no <form> element: a form cannot sit inside a <tr>). */
export function PriceRow({ plan }: { plan: PlanPriceRow }) {
  const name = `${plan.productName}, ${plan.termLabel}`;
  const id = `price-${plan.productKey}-${plan.term}`;
  const [status, setStatus] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(savePlanPriceSchema),
    defaultValues: {
      productKey: plan.productKey,
      term: plan.term,
      buyPrice: plan.buyPrice ?? "",
      sellPrice: plan.sellPrice ?? "",
      currency: plan.currency ?? "USD",
      enabled: plan.enabled,
      // A saved loss was accepted when it was saved.
      acceptLoss: !!(plan.buyPrice && plan.sellPrice && sellsAtALoss(plan.buyPrice, plan.sellPrice)),
    },
  });
  const { register, formState, control } = form;
  const errors = formState.errors;
  const [buyPrice, sellPrice, enabled] = useWatch({ control, name: ["buyPrice", "sellPrice", "enabled"] });
  const margin = marginOf(buyPrice ?? "", sellPrice ?? "");
  const loss = sellsAtALoss(buyPrice ?? "", sellPrice ?? "");

  const save = form.handleSubmit(
    async (values) => {
      setStatus(null);
      const result = await savePlanPriceAction(values);
      if (!result.ok) {
        applyActionErrors(form.setError, result.error);
        setStatus({ tone: "error", text: result.error.message });
        return;
      }
      form.reset({ ...values, ...result.data });
      setStatus({ tone: "ok", text: "Saved" });
    },
    () => setStatus({ tone: "error", text: "Check this row." }),
  );

  const error = (field: "buyPrice" | "sellPrice" | "currency") =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="mt-1 max-w-40 text-xs text-red-700">
        {errors[field]?.message}
      </p>
    ) : null;
  const described = (field: "buyPrice" | "sellPrice" | "currency") => ({
    "aria-invalid": !!errors[field] || undefined,
    "aria-describedby": errors[field] ? `${id}-${field}-error` : undefined,
  });

  return (
    <tr data-testid={id}>
      <td className={`${cell} font-medium`}>{plan.productName}</td>
      <td className={cell}>{plan.termLabel}</td>
      <td className={cell}>
        <input inputMode="decimal" aria-label={`Buy price for ${name}`} placeholder="not set" className={small} {...described("buyPrice")} {...register("buyPrice")} />
        {error("buyPrice")}
      </td>
      <td className={cell}>
        <input inputMode="decimal" aria-label={`Sell price for ${name}`} placeholder="not set" className={small} {...described("sellPrice")} {...register("sellPrice")} />
        {error("sellPrice")}
      </td>
      <td className={cell}>
        <input aria-label={`Currency for ${name}`} maxLength={3} className={`${small} w-16 uppercase`} {...described("currency")} {...register("currency")} />
        {error("currency")}
      </td>
      <td className={`${cell} whitespace-nowrap`} data-testid={`${id}-margin`}>
        {margin && loss ? (
          // Before save and after: a loss is named, not only coloured.
          <span className="block text-red-700">
            <strong>Loss {loss}</strong> per order{margin.percent !== null ? ` (${margin.percent}%)` : ""}
            <label className="mt-1 flex items-center gap-1 text-xs text-slate-700">
              <input type="checkbox" className="h-3.5 w-3.5" aria-label={`Sell ${name} at a loss`} {...register("acceptLoss", { deps: ["sellPrice"] })} />
              Sell at a loss
            </label>
          </span>
        ) : margin ? (
          <span className="text-slate-800">
            {margin.amount}
            {margin.percent !== null ? ` (${margin.percent}%)` : ""}
          </span>
        ) : (
          <span className="text-slate-500">price not set</span>
        )}
      </td>
      <td className={cell}>
        <label className="flex items-center gap-2">
          <input type="checkbox" className="h-4 w-4" aria-label={`Offer ${name}`} {...register("enabled")} />
          <span className="text-xs text-slate-600">{enabled ? "Offered" : "Disabled"}</span>
        </label>
      </td>
      <td className={`${cell} whitespace-nowrap`}>
        <Button type="button" variant="secondary" disabled={formState.isSubmitting || !formState.isDirty} onClick={save} aria-label={`Save ${name}`}>
          Save
        </Button>
        {status ? (
          <span role="status" className={`ml-2 text-xs ${status.tone === "ok" ? "text-green-700" : "text-red-700"}`}>
            {status.text}
          </span>
        ) : null}
      </td>
    </tr>
  );
}
