import "server-only";
import type { z } from "zod";
import { prisma } from "@/lib/db";
import type { Actor } from "@/lib/auth/session";
import { assertCan } from "@/lib/auth/authorize";
import { userSummarySelect, type userIdSchema } from "@/lib/users/user-schemas";
import { liveSessionsWhere } from "@/lib/auth/sessions";

/** A user and their sessions that are still live (newest first), for the admin's user page. */
export async function getUserSessions(actor: Actor, input: z.output<typeof userIdSchema>, now = new Date()) {
  assertCan(actor, "manageUsers");
  return prisma.user.findUnique({
    where: { id: input.userId },
    select: {
      ...userSummarySelect,
      sessions: {
        where: liveSessionsWhere(now),
        orderBy: { lastSeenAt: "desc" },
        take: 100,
        select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, clientAddress: true, userAgent: true },
      },
    },
  });
}
