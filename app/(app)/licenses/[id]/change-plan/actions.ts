"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/action";
import { changePlan } from "@/lib/licenses/actions/change-plan";
import { changePlanSchema } from "@/lib/licenses/actions/change-plan-schema";
import { appLifecycleDeps } from "@/lib/orders/app-deps";

export const changePlanAction = authorizedAction({ name: "licenses.changePlan", permission: "manageRenewals", schema: changePlanSchema }, async (actor, input) => {
  const result = await changePlan(actor, input, await appLifecycleDeps());
  // The license's pages name its plan: none may be served from the router cache with the old one.
  revalidatePath(`/licenses/${input.licenseId}`, "layout");
  return result;
});
