import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/verify-credentials";

/** How long a sign-in lasts; the JWT cookie has the same lifetime. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;
/** lastSeenAt is written at most this often per session (not on every request). */
const TOUCH_EVERY_MS = 5 * 60_000;

export type RevokeReason = "signed out" | "ended by an admin" | "account disabled" | "account enabled" | "role changed" | "password changed";

/** Sessions that ended (expired or revoked) this long ago are deleted. */
const KEEP_ENDED_MS = 30 * 24 * 60 * 60_000;

/**
 * A new server-side session for a verified user; its id goes into the session cookie. Null
 * when, by the time it is written, the user is disabled or their password is no longer the one
 * that was verified: the check runs under a share lock on the user's row, so a sign-in racing
 * an admin's password change or disabling either finishes first (and is then revoked by it) or
 * sees the change and is refused. Never a session that outlives the credentials it was made with.
 */
export async function createSession(
  userId: string,
  client: { address: string; userAgent: string },
  verifiedPasswordHash?: string,
  now = new Date(),
  /** Written by the same transaction as the session (the sign-in's audit entry). */
  alsoIn?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<string | null> {
  const id = randomBytes(24).toString("base64url");
  const created = await prisma.$transaction(async (tx) => {
    const [user] = await tx.$queryRaw<Array<{ passwordHash: string; disabled: boolean }>>`
      SELECT "passwordHash", disabled FROM "User" WHERE id = ${userId} FOR SHARE`;
    if (!user || user.disabled) return false;
    if (verifiedPasswordHash !== undefined && user.passwordHash !== verifiedPasswordHash) return false;
    await tx.session.create({
      data: {
        id,
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_S * 1000),
        clientAddress: client.address.slice(0, 64),
        userAgent: client.userAgent.slice(0, 300),
      },
    });
    await alsoIn?.(tx);
    return true;
  });
  // Housekeeping on the way: the table holds live sessions and a month of ended ones (indexed).
  await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - KEEP_ENDED_MS) } } });
  return created ? id : null;
}

/**
 * The user behind a session cookie, if the session is still live: not revoked, not expired,
 * belonging to that user, and the user not disabled. Role and name are read fresh.
 */
export async function userOfSession(sessionId: string, userId: string, now = new Date()): Promise<SessionUser | null> {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      userId: true,
      revokedAt: true,
      expiresAt: true,
      lastSeenAt: true,
      user: { select: { id: true, email: true, name: true, role: true, disabled: true } },
    },
  });
  if (!session || session.userId !== userId || session.revokedAt || session.expiresAt <= now || session.user.disabled) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { lastSeenAt: now } });
  }
  const { id, email, name, role } = session.user;
  return { id, email, name, role };
}

/** The sessions that still let someone in. */
export function liveSessionsWhere(now = new Date()) {
  return { revokedAt: null, expiresAt: { gt: now } } satisfies Prisma.SessionWhereInput;
}

/** Ends one session (only if it belongs to `userId`, when given); the number ended, 0 or 1. */
export async function revokeSession(
  sessionId: string,
  reason: RevokeReason,
  opts: { userId?: string; now?: Date; db?: Prisma.TransactionClient } = {},
): Promise<number> {
  const { count } = await (opts.db ?? prisma).session.updateMany({
    where: { id: sessionId, revokedAt: null, ...(opts.userId ? { userId: opts.userId } : {}) },
    data: { revokedAt: opts.now ?? new Date(), revokedReason: reason },
  });
  return count;
}

/** Ends every live session of a user (inside the caller's transaction when given). */
export async function revokeUserSessions(
  userId: string,
  reason: RevokeReason,
  db: Prisma.TransactionClient = prisma,
  now = new Date(),
): Promise<number> {
  const { count } = await db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
  return count;
}
