"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { appOrderDeps } from "@/lib/orders/app-deps";
import { reconcileOrder } from "@/lib/orders/reconcile-order";
import { decideAuthorization, decisionSchema } from "@/lib/orders/decide-authorization";
import { settleUnknownOrder, settleUnknownSchema } from "@/lib/orders/settle-unknown-order";
import { orderIdSchema } from "@/lib/orders/get-order";

export const reconcileOrderAction = authorizedAction({ permission: "placeOrders", schema: z.object({ orderId: orderIdSchema }) }, async (actor, input) => {
  const result = await reconcileOrder(actor, input, appOrderDeps());
  revalidatePath(`/orders/${input.orderId}`);
  return result;
});

export const decideAuthorizationAction = authorizedAction({ permission: "authorizeOrders", schema: decisionSchema }, async (actor, input) => {
  const result = await decideAuthorization(actor, input, appOrderDeps());
  revalidatePath(`/orders/${input.orderId}`);
  revalidatePath("/orders/awaiting");
  return result;
});

export const settleUnknownOrderAction = authorizedAction({ permission: "placeOrders", schema: settleUnknownSchema }, async (actor, input) => {
  const result = await settleUnknownOrder(actor, input, appOrderDeps());
  revalidatePath(`/orders/${input.orderId}`);
  return result;
});
