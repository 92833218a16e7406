import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { can, type Permission } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/verify-credentials";

export type Actor = SessionUser & {
  /** The server-side session this request belongs to (absent outside a signed-in request). */
  sessionId?: string;
  /** Set when Order Desk itself acts (a job, the reconciliation pass): what it is doing. */
  system?: string;
};

/**
 * The signed-in user as the database knows them now, once per request (React cache): the
 * cookie only names a server-side session, which sign-out, an admin, disabling, a role or a
 * password change can end at any time; role and status are read fresh.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  // The session callback (lib/auth/options.ts) checks the server-side session and reads the
  // user fresh; a session it refuses comes back as null.
  const session = await getServerSession(authOptions());
  const user = session?.user;
  if (!user?.id || !session?.sid) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionId: session.sid };
});

/** For pages: the actor, or a redirect to sign-in; without `permission`, a 403 page inside the shell at the same URL. */
export async function requireActor(permission?: Permission): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  if (permission && !can(actor.role, permission)) forbidden();
  return actor;
}
