import "server-only";
import { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { liveSessionsWhere } from "@/lib/auth/sessions";
import { userSummarySelect } from "@/lib/users/user-schemas";

export async function listUsers(actor: Actor, now = new Date()) {
  assertCan(actor, "manageUsers");
  const users = await prisma.user.findMany({
    orderBy: [{ disabled: "asc" }, { name: "asc" }],
    select: {
      ...userSummarySelect,
      createdAt: true,
      // Users are tens, not millions: counting live sessions per row is cheap.
      _count: { select: { sessions: { where: liveSessionsWhere(now) } } },
    },
  });
  return users.map(({ _count, ...u }) => ({ ...u, activeSessions: _count.sessions }));
}
