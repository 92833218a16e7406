"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/action";
import { createResellerAccountSchema, setResellerAccountEnabledSchema, testConnectionSchema, updateResellerAccountSchema } from "@/lib/settings/reseller-account-schemas";
import { setResellerAccountEnabled } from "@/lib/settings/set-reseller-account-enabled";
import { createResellerAccount } from "@/lib/settings/create-reseller-account";
import { updateResellerAccount } from "@/lib/settings/update-reseller-account";
import { testResellerConnection } from "@/lib/settings/test-reseller-connection";

export const createResellerAccountAction = authorizedAction({ name: "settings.accounts.createResellerAccount", permission: "manageSettings", schema: createResellerAccountSchema }, async (actor, input) => {
  const account = await createResellerAccount(actor, input);
  revalidatePath("/settings/accounts");
  return account;
});

export const updateResellerAccountAction = authorizedAction({ name: "settings.accounts.updateResellerAccount", permission: "manageSettings", schema: updateResellerAccountSchema }, async (actor, input) => {
  const account = await updateResellerAccount(actor, input);
  revalidatePath("/settings/accounts");
  return account;
});

// Audited like any other action (the wrapper keeps no password): it sends a stored credential out.
export const testConnectionAction = authorizedAction({ name: "settings.accounts.testConnection", permission: "manageSettings", schema: testConnectionSchema }, (actor, input) =>
  testResellerConnection(actor, input),
);

// Disable or enable: the account's history stays; a disabled one takes no new order (see the use case).
export const setResellerAccountEnabledAction = authorizedAction(
  { name: "settings.accounts.setResellerAccountEnabled", permission: "manageSettings", schema: setResellerAccountEnabledSchema },
  async (actor, input) => {
    const result = await setResellerAccountEnabled(actor, input);
    revalidatePath("/settings/accounts");
    return result;
  },
);
