"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/action";
import { appLifecycleDeps } from "@/lib/orders/app-deps";
import { renewLicense, renewLicenseSchema } from "@/lib/licenses/actions/renew";
import { setAutoRenew, setAutoRenewSchema } from "@/lib/licenses/actions/set-auto-renew";
import { orderAddOn, orderAddOnSchema } from "@/lib/licenses/actions/order-add-on";

export const renewLicenseAction = authorizedAction({ name: "licenses.renewLicense", permission: "manageRenewals", schema: renewLicenseSchema }, async (actor, input) => {
  const result = await renewLicense(actor, input, await appLifecycleDeps());
  revalidatePath(`/licenses/${input.licenseId}`);
  return result;
});

export const setAutoRenewAction = authorizedAction({ name: "licenses.setAutoRenew", permission: "manageRenewals", schema: setAutoRenewSchema }, async (actor, input) => {
  const result = await setAutoRenew(actor, input, await appLifecycleDeps());
  revalidatePath(`/licenses/${input.licenseId}`);
  return result;
});

export const orderAddOnAction = authorizedAction({ name: "licenses.orderAddOn", permission: "manageRenewals", schema: orderAddOnSchema }, async (actor, input) => {
  const result = await orderAddOn(actor, input, await appLifecycleDeps());
  revalidatePath(`/licenses/${input.licenseId}`);
  return result;
});
