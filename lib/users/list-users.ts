import { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/session";

export async function listUsers(_actor: Actor) {
  return prisma.user.findMany({
    orderBy: [{ disabled: "asc" }, { name: "asc" }],
    select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true },
  });
}
