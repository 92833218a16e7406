/**
 * A double click sends one submission twice at once. Each license action looks its submission key
 * up first and, when the key is new, checks the license before inserting its order. The twin that
 * got in first can make those checks refuse between the look-up and the checks (its order is now
 * pending on the license; its add-on is already there), so the slower copy answered "another order
 * is pending" for what was the person's own click (seen in CI: two copies of one add-on, one refused).
 *
 * A refusal given before this request wrote anything, while the key was taken meanwhile, is the
 * twin's doing: run once more, and the key found answers with the twin's order, as a later copy
 * would have been answered. Hand-written: it is the shape of our own pipeline, not a library's.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

async function keyTaken(db: Pick<PrismaClient, "order">, key: string): Promise<boolean> {
  return (await db.order.findUnique({ where: { submissionKey: key }, select: { id: true } })) !== null;
}

/**
 * `run` once; again when it refused before writing (`refusedBeforeWriting`, or an AppError thrown)
 * and the submission key, free when it started, was taken by a twin meanwhile.
 */
export async function answeredByTwin<R>(
  db: Pick<PrismaClient, "order">,
  key: unknown,
  run: () => Promise<R>,
  refusedBeforeWriting: (result: R) => boolean,
): Promise<R> {
  if (typeof key !== "string" || (await keyTaken(db, key))) return run();
  let result: R;
  try {
    result = await run();
  } catch (error) {
    if (error instanceof AppError && (await keyTaken(db, key))) return run();
    throw error;
  }
  return refusedBeforeWriting(result) && (await keyTaken(db, key)) ? run() : result;
}

/** The actions' refusals that carry no order of their own. */
export function refusedWithoutOrder(result: { ok: boolean; orderId?: string }): boolean {
  return !result.ok && !result.orderId;
}
