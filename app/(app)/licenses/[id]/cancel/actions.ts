"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/action";
import { cancelLicense } from "@/lib/licenses/actions/cancel";
import { cancelLicenseFormSchema } from "@/lib/licenses/actions/cancel-schema";
import { appLifecycleDeps } from "@/lib/orders/app-deps";

export const cancelLicenseAction = authorizedAction({ name: "licenses.cancelLicense", permission: "manageRenewals", schema: cancelLicenseFormSchema }, async (actor, { confirm: _confirmed, ...input }) => {
  const result = await cancelLicense(actor, input, await appLifecycleDeps());
  // The license page shows how it ended: not a cached page that still says "Expires …".
  revalidatePath(`/licenses/${input.licenseId}`, "layout");
  return result;
});
