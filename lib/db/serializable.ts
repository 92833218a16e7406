import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

const ATTEMPTS = 8;

/** PostgreSQL refused to commit because a concurrent transaction changed what this one read, or chose it as a deadlock's victim. */
export function isSerializationFailure(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: { kind?: string } };
  return (
    e?.code === "P2034" ||
    e?.cause?.kind === "TransactionWriteConflict" ||
    /TransactionWriteConflict|could not serialize access|40001|40P01|deadlock detected/.test(String(e?.message ?? ""))
  );
}

/**
 * A serializable transaction, retried when PostgreSQL reports a serialization failure (another
 * transaction changed what this one read): that is the expected price of the isolation level,
 * not an error to show anyone. The work must be safe to run again (it is rolled back each time).
 */
export function serializable<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  // Generous limits: on a busy machine a short transaction can wait for a pooled connection.
  return retriedOnConflict(() => prisma.$transaction(work, { isolationLevel: "Serializable", maxWait: 10_000, timeout: 20_000 }));
}

/**
 * `run` (one transaction) again when PostgreSQL rolled it back as a write conflict or a deadlock's
 * victim (Prisma's P2034): two workers finishing sync runs of one account at once deadlocked on
 * each other's drift rows and license tallies (seen in npm test). The work must be safe to run again.
 */
export async function retriedOnConflict<T>(run: () => Promise<T>, attempts = ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isSerializationFailure(error)) throw error;
      // A short random pause, growing with each attempt, so the same transactions do not collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
