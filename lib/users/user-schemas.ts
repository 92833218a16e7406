import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

/** Shared by the admin forms (react-hook-form resolver) and the server actions. */
export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter an email.").max(254).email("Enter a valid email address."),
  name: z.string().trim().min(1, "Enter a name.").max(100, "Keep the name under 100 characters."),
  role: z.enum(ROLES, { error: "Choose a role." }),
  password: z.string().min(12, "Use at least 12 characters.").max(200, "Use at most 200 characters."),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const changeUserRoleSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(ROLES, { error: "Choose a role." }),
});

export const setUserDisabledSchema = z.object({
  userId: z.string().min(1),
  disabled: z.boolean(),
});
