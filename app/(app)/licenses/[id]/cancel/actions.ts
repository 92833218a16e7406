"use server";

import { authorizedAction } from "@/lib/auth/action";
import { cancelLicense } from "@/lib/licenses/actions/cancel";
import { cancelLicenseFormSchema } from "@/lib/licenses/actions/cancel-schema";
import { appLifecycleDeps } from "@/lib/orders/app-deps";

export const cancelLicenseAction = authorizedAction({ name: "licenses.cancelLicense", permission: "manageRenewals", schema: cancelLicenseFormSchema }, async (actor, { confirm: _confirmed, ...input }) =>
  cancelLicense(actor, input, await appLifecycleDeps()),
);
