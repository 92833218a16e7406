"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/action";
import {
  changeUserRoleSchema,
  createUserSchema,
  endUserSessionsSchema,
  setUserDisabledSchema,
  setUserPasswordSchema,
} from "@/lib/users/user-schemas";
import { createUser } from "@/lib/users/create-user";
import { changeUserRole } from "@/lib/users/change-user-role";
import { setUserDisabled } from "@/lib/users/set-user-disabled";
import { setUserPassword } from "@/lib/users/set-user-password";
import { endUserSessions } from "@/lib/users/end-user-sessions";

export const createUserAction = authorizedAction({ name: "settings.users.createUser", permission: "manageUsers", schema: createUserSchema }, async (actor, input) => {
  const user = await createUser(actor, input);
  revalidatePath("/settings/users");
  return user;
});

export const changeUserRoleAction = authorizedAction({ name: "settings.users.changeUserRole", permission: "manageUsers", schema: changeUserRoleSchema }, async (actor, input) => {
  const result = await changeUserRole(actor, input);
  revalidatePath("/settings/users");
  return result;
});

export const setUserDisabledAction = authorizedAction({ name: "settings.users.setUserDisabled", permission: "manageUsers", schema: setUserDisabledSchema }, async (actor, input) => {
  const result = await setUserDisabled(actor, input);
  revalidatePath("/settings/users");
  return result;
});

export const setUserPasswordAction = authorizedAction({ name: "settings.users.setUserPassword", permission: "manageUsers", schema: setUserPasswordSchema }, async (actor, input) => {
  const result = await setUserPassword(actor, input);
  revalidatePath(`/settings/users/${input.userId}`);
  return result;
});

export const endUserSessionsAction = authorizedAction({ name: "settings.users.endUserSessions", permission: "manageUsers", schema: endUserSessionsSchema }, async (actor, input) => {
  const result = await endUserSessions(actor, input);
  revalidatePath(`/settings/users/${input.userId}`);
  return result;
});
