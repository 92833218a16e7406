"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { appLifecycleDeps, appOrderDeps } from "@/lib/orders/app-deps";
import { reconcileOrder } from "@/lib/orders/reconcile-order";
import { decideAuthorization, decisionSchema } from "@/lib/orders/decide-authorization";
import { settleUnknownOrder, settleUnknownSchema } from "@/lib/orders/settle-unknown-order";
import { orderIdSchema } from "@/lib/orders/get-order";
import { AppError } from "@/lib/errors";
import { enqueueReconcile } from "@/lib/queue/enqueue";
import { orderFormRequestSchema } from "@/lib/orders/order-form-request";
import { placeOrderFromForm } from "@/lib/orders/place-order-from-form";
import { searchCustomers } from "@/lib/customers/search-customers";
import { pickerSearchSchema } from "@/lib/search/picker-search-schema";
import { searchLicenses } from "@/lib/licenses/queries/search-licenses";
import { priceFor } from "@/lib/settings/offered-plans";

export const reconcileOrderAction = authorizedAction({ name: "orders.reconcileOrder", permission: "placeOrders", schema: z.object({ orderId: orderIdSchema }) }, async (actor, input) => {
  const result = await reconcileOrder(actor, input, appOrderDeps());
  revalidatePath(`/orders/${input.orderId}`);
  return result;
});

export const decideAuthorizationAction = authorizedAction({ name: "orders.decideAuthorization", permission: "authorizeOrders", schema: decisionSchema }, async (actor, input) => {
  const result = await decideAuthorization(actor, input, await appLifecycleDeps());
  revalidatePath(`/orders/${input.orderId}`);
  revalidatePath("/orders/awaiting");
  return result;
});

export const settleUnknownOrderAction = authorizedAction({ name: "orders.settleUnknownOrder", permission: "placeOrders", schema: settleUnknownSchema }, async (actor, input) => {
  const result = await settleUnknownOrder(actor, input, await appLifecycleDeps());
  revalidatePath(`/orders/${input.orderId}`);
  return result;
});

export const placeOrderAction = authorizedAction({ name: "orders.placeOrder", permission: "placeOrders", schema: orderFormRequestSchema }, async (actor, input) => {
  // The lifecycle clock: a new license starts and expires on Sectigo's clock (the sandbox's, moved).
  const deps = {
    ...(await appLifecycleDeps()),
    async priceOf(productKey: string, term: string) {
      const offer = await priceFor(actor, productKey, term);
      if (!offer.offered) return offer;
      const p = offer.price;
      return { offered: true as const, price: p ? { buyPrice: Number(p.buyPrice), sellPrice: Number(p.sellPrice), currency: p.currency } : null };
    },
  };
  try {
    const result = await placeOrderFromForm(actor, input, deps);
    if (result.outcome === "UNKNOWN") await enqueueReconcile(result.order.id);
    revalidatePath("/orders");
    return result;
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Something of ours failed: say what is known about the order and where to see it.
    const order = await deps.db.order.findUnique({ where: { submissionKey: input.submissionKey }, select: { id: true, foreignOrderNumber: true, orderNumber: true, status: true } });
    if (!order) throw error;
    console.error(`[order ${order.foreignOrderNumber}] unexpected error while placing: ${error instanceof Error ? error.message : String(error)}`);
    if (order.status === "SUBMITTING" || order.status === "UNKNOWN") await enqueueReconcile(order.id);
    return {
      outcome: "ERROR" as const,
      order,
      message: `Something went wrong on our side while placing order ${order.foreignOrderNumber}. Its status now: ${order.status.toLowerCase().replaceAll("_", " ")}. Open the order to see what happened; Order Desk checks with Sectigo itself and never sends it twice.`,
    };
  }
});

export const searchCustomersAction = authorizedAction({ name: "orders.searchCustomers", audit: false, permission: "placeOrders", schema: pickerSearchSchema }, (actor, input) => searchCustomers(actor, input));
export const searchLicensesAction = authorizedAction({ name: "orders.searchLicenses", audit: false, permission: "placeOrders", schema: pickerSearchSchema }, (actor, input) => searchLicenses(actor, input));
