import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

const ATTEMPTS = 8;

/** PostgreSQL refused to commit because a concurrent transaction changed what this one read. */
function isSerializationFailure(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: { kind?: string } };
  return (
    e?.code === "P2034" ||
    e?.cause?.kind === "TransactionWriteConflict" ||
    /TransactionWriteConflict|could not serialize access|40001/.test(String(e?.message ?? ""))
  );
}

/**
 * A serializable transaction, retried when PostgreSQL reports a serialization failure (another
 * transaction changed what this one read): that is the expected price of the isolation level,
 * not an error to show anyone. The work must be safe to run again (it is rolled back each time).
 */
export async function serializable<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // Generous limits: on a busy machine a short transaction can wait for a pooled connection.
      return await prisma.$transaction(work, { isolationLevel: "Serializable", maxWait: 10_000, timeout: 20_000 });
    } catch (error) {
      if (attempt >= ATTEMPTS || !isSerializationFailure(error)) throw error;
      // A short random pause, growing with each attempt, so the same transactions do not collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
