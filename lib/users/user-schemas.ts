import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { plainText, unsafeSecretProblem } from "@/lib/validation/text";

const password = z
  .string()
  .min(12, "Use at least 12 characters.")
  .max(200, "Use at most 200 characters.")
  .superRefine((v, ctx) => {
    const problem = unsafeSecretProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** Shared by the admin forms (react-hook-form resolver) and the server actions. */
export const createUserSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Enter an email.")
    .max(254, "Enter a valid email address.")
    .email("Enter a valid email address."),
  name: plainText({ label: "a name", max: 100 }),
  role: z.enum(ROLES, { error: "Choose a role." }),
  password,
});
export type CreateUserInput = z.input<typeof createUserSchema>;

const userId = z.string().min(1).max(64);

export const changeUserRoleSchema = z.object({
  userId,
  role: z.enum(ROLES, { error: "Choose a role." }),
});

export const setUserDisabledSchema = z.object({
  userId,
  disabled: z.boolean(),
});

export const setUserPasswordSchema = z.object({ userId, password });
export type SetUserPasswordInput = z.input<typeof setUserPasswordSchema>;

/** Ends one session of a user, or all of them when `sessionId` is left out. */
export const endUserSessionsSchema = z.object({
  userId,
  sessionId: z.string().min(1).max(64).optional(),
});

export const userIdSchema = z.object({ userId });

/** What the admin pages show of a user. */
export const userSummarySelect = { id: true, email: true, name: true, role: true, disabled: true } as const;
