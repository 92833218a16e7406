"use server";

import { authorizedAction } from "@/lib/auth/action";
import { savePlanPriceSchema } from "@/lib/settings/plan-price-schemas";
import { savePlanPrice } from "@/lib/settings/save-plan-price";

// No revalidatePath: the row keeps what was typed and saved; a reload reads the table again.
export const savePlanPriceAction = authorizedAction({ name: "settings.prices.savePlanPrice", permission: "manageSettings", schema: savePlanPriceSchema }, (actor, input) =>
  savePlanPrice(actor, input),
);
