"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { Path, UseFormReturn } from "react-hook-form";
import type { OrderFormInput, Product } from "@/lib/catalog";
import { placeOrderAction } from "@/app/(app)/orders/actions";
import type { Confirmation } from "@/lib/orders/server-confirmations";
import { clearDraft } from "./draft-storage";
import type { Draft } from "./types";

export type FormMessage = { tone: "error" | "info"; text: string };

/**
 * Sends the form to placeOrderAction and shows the answer: errors beside their fields, the server's
 * questions to confirm, Sectigo's refusal (then a new submission key), or the placed order's page.
 */
export function usePlaceOrder(o: {
  product: Product;
  form: UseFormReturn<OrderFormInput>;
  draft: Draft;
  setDraft: (f: (d: Draft) => Draft) => void;
  accountId: string;
  isAddOn: boolean;
  resellerPays: boolean;
}) {
  const { product, form, draft, setDraft, accountId, isAddOn, resellerPays } = o;
  const { setError } = form;
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [formMessage, setFormMessage] = useState<FormMessage | null>(null);
  const [questions, setQuestions] = useState<Confirmation[] | null>(null);

  const send = (values: OrderFormInput, confirmed: string[]) =>
    startTransition(async () => {
      setFormMessage(null);
      setQuestions(null);
      const result = await placeOrderAction({
        submissionKey: draft.submissionKey,
        resellerAccountId: accountId,
        productKey: product.key,
        customerId: isAddOn ? null : (draft.customer?.id ?? null),
        licenseId: isAddOn ? (draft.license?.id ?? null) : null,
        resellerPays,
        values: values as Record<string, unknown>,
        cart: product.api === "PlaceOrder" ? (draft.cart ?? []) : [],
        confirmed,
      });
      if (!result.ok) {
        let placed = false;
        for (const [key, messages] of Object.entries(result.error.fieldErrors ?? {})) {
          if (key.startsWith("values.") && messages[0]) {
            setError(key.slice(7) as Path<OrderFormInput>, { type: "server", message: messages[0] });
            placed = true;
          }
        }
        const other = Object.entries(result.error.fieldErrors ?? {}).find(([k]) => !k.startsWith("values."));
        setFormMessage({ tone: "error", text: other?.[1][0] ?? (placed ? "Some fields need attention." : result.error.message) });
        return;
      }
      const data = result.data;
      if (data.outcome === "NEEDS_CONFIRMATION") {
        // Nothing was written or sent: the same submission goes again once the person says yes.
        setQuestions(data.confirmations);
        return;
      }
      if (data.outcome === "FAILED") {
        for (const [key, messages] of Object.entries(data.fieldErrors)) {
          if (messages[0]) setError(key.replace(/^values\./, "") as Path<OrderFormInput>, { type: "server", message: messages[0] });
        }
        setFormMessage({ tone: "error", text: `Sectigo refused the order (our reference ${data.order.foreignOrderNumber}): ${data.message} Nothing was bought. Correct it and place the order again.` });
        // That submission is settled as failed: the next attempt is a new submission.
        setDraft((d) => ({ ...d, submissionKey: crypto.randomUUID(), values: form.getValues() as Record<string, unknown> }));
        return;
      }
      clearDraft();
      router.push(`/orders/${data.order.id}`);
    });

  return { pending, send, formMessage, setFormMessage, questions, setQuestions };
}
