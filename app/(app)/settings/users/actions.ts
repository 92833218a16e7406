"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/action";
import { changeUserRoleSchema, createUserSchema, setUserDisabledSchema } from "@/lib/users/user-schemas";
import { createUser } from "@/lib/users/create-user";
import { changeUserRole } from "@/lib/users/change-user-role";
import { setUserDisabled } from "@/lib/users/set-user-disabled";

export const createUserAction = authorizedAction({ permission: "manageUsers", schema: createUserSchema }, async (actor, input) => {
  const user = await createUser(actor, input);
  revalidatePath("/settings/users");
  return user;
});

export const changeUserRoleAction = authorizedAction({ permission: "manageUsers", schema: changeUserRoleSchema }, async (actor, input) => {
  const result = await changeUserRole(actor, input);
  revalidatePath("/settings/users");
  return result;
});

export const setUserDisabledAction = authorizedAction({ permission: "manageUsers", schema: setUserDisabledSchema }, async (actor, input) => {
  const result = await setUserDisabled(actor, input);
  revalidatePath("/settings/users");
  return result;
});
