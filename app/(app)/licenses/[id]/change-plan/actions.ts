"use server";

import { authorizedAction } from "@/lib/auth/action";
import { changePlan } from "@/lib/orders/change-plan";
import { changePlanSchema } from "@/lib/orders/change-plan-schema";
import { appOrderDeps } from "@/lib/orders/app-deps";

export const changePlanAction = authorizedAction({ name: "licenses.changePlan", permission: "manageRenewals", schema: changePlanSchema }, (actor, input) => changePlan(actor, input, appOrderDeps()));
