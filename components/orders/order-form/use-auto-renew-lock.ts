"use client";

import { useEffect, useRef } from "react";
import type { Path, UseFormReturn } from "react-hook-form";
import type { OrderFormInput, Product } from "@/lib/catalog";

/**
 * "Sectigo charges the customer" (reseller=N) cannot renew from our funds (the schema refuses it on the
 * server too): ticking it unticks and locks "Renew automatically"; unticking it gives back what was there.
 */
export function useAutoRenewLock(product: Product, form: UseFormReturn<OrderFormInput>, sectigoBills: boolean): void {
  const { setValue } = form;
  const autoRenewBefore = useRef<boolean | null>(null);
  useEffect(() => {
    if (!product.fields.enableAutoRenew) return;
    const name = "enableAutoRenew" as Path<OrderFormInput>;
    if (sectigoBills) {
      if (autoRenewBefore.current === null) autoRenewBefore.current = form.getValues(name) === true;
      if (form.getValues(name) !== false) setValue(name, false as never, { shouldValidate: true });
    } else if (autoRenewBefore.current !== null) {
      setValue(name, autoRenewBefore.current as never, { shouldValidate: true });
      autoRenewBefore.current = null;
    }
  }, [sectigoBills, product, form, setValue]);
}
