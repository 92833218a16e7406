import type { z } from "zod";
import { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { changeUserRoleSchema } from "@/lib/users/user-schemas";
import { assertAnAdminRemains } from "@/lib/users/keep-an-admin";

export async function changeUserRole(actor: Actor, input: z.output<typeof changeUserRoleSchema>) {
  // An admin demoting themselves could leave nobody able to manage users.
  if (input.userId === actor.id) throw new AppError("FORBIDDEN", "You cannot change your own role.", "role");
  return prisma.$transaction(
    async (tx) => {
      const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
      if (!user) throw new AppError("NOT_FOUND", "That user no longer exists.");
      await tx.user.update({ where: { id: input.userId }, data: { role: input.role } });
      await assertAnAdminRemains(tx, "role");
      return { id: input.userId, role: input.role };
    },
    { isolationLevel: "Serializable" },
  );
}
