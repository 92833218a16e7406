import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { prisma } from "@/lib/db";
import { can, type Permission } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/verify-credentials";

export type Actor = SessionUser & {
  /** Jobs and scripts (see systemActor in lib/auth/authorize.ts). */
  system?: boolean;
};

/**
 * The signed-in user as the database knows them now: a JWT outlives a role change or a
 * disabled account, so role and status are read fresh on every request.
 */
export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const user = await prisma.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabled: true },
  });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** For pages: the actor, or a redirect to sign-in; `permission` sends others to /forbidden. */
export async function requireActor(permission?: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  if (permission && !can(actor.role, permission)) redirect("/forbidden");
  return actor;
}
