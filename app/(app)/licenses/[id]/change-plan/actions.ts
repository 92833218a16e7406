"use server";

import { authorizedAction } from "@/lib/auth/action";
import { changePlan } from "@/lib/licenses/actions/change-plan";
import { changePlanSchema } from "@/lib/licenses/actions/change-plan-schema";
import { appLifecycleDeps } from "@/lib/orders/app-deps";

export const changePlanAction = authorizedAction({ name: "licenses.changePlan", permission: "manageRenewals", schema: changePlanSchema }, async (actor, input) => changePlan(actor, input, await appLifecycleDeps()));
