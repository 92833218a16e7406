import { randomBytes } from "node:crypto";

/**
 * An id for a row written by raw SQL, shaped like the `cuid()` ids Prisma makes for the same
 * tables ("c" + time + randomness, 25 lower-case base-36 characters), so both kinds of rows look
 * alike in URLs and logs. Prisma does not export its generator, and three lines do not justify a
 * package: nothing depends on the layout, only on uniqueness (about 77 random bits per millisecond).
 */
export function newRowId(now = Date.now()): string {
  const time = now.toString(36).padStart(9, "0").slice(-9);
  const random = BigInt(`0x${randomBytes(10).toString("hex")}`).toString(36).padStart(15, "0").slice(-15);
  return `c${time}${random}`;
}
