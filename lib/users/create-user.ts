import "server-only";
import type { z } from "zod";
import { prisma } from "@/lib/db";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import type { createUserSchema } from "@/lib/users/user-schemas";

const EMAIL_TAKEN = "A user with this email already exists.";

export async function createUser(actor: Actor, input: z.output<typeof createUserSchema>) {
  assertCan(actor, "manageUsers");
  const existing = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new AppError("CONFLICT", EMAIL_TAKEN, "email");
  try {
    const passwordHash = await hashPassword(input.password);
    return await auditedTransaction(async (tx, changes) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash }, select: { id: true, email: true } });
      changes.push({ target: `User:${user.id}`, before: null, after: { email: input.email, name: input.name, role: input.role, disabled: false, password: "changed" } });
      return user;
    });
  } catch (error) {
    // A double submit can pass the check above; the unique index decides.
    if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", EMAIL_TAKEN, "email");
    throw error;
  }
}
