import { describe, expect, it } from "vitest";
import { isSerializationFailure, retriedOnConflict } from "@/lib/db/serializable";

/** A transaction PostgreSQL rolled back as Prisma reports it (P2034), or a plain error. */
const conflict = (message: string) => Object.assign(new Error(message), { code: "P2034" });

describe("a transaction rolled back by a write conflict or a deadlock is run again", () => {
  it("retries P2034 (write conflict or deadlock) until it commits, and returns its result", async () => {
    let calls = 0;
    const result = await retriedOnConflict(async () => {
      calls++;
      if (calls < 3) throw conflict("Transaction failed due to a write conflict or a deadlock. Please retry your transaction");
      return "committed";
    });
    expect(result).toBe("committed");
    expect(calls).toBe(3);
  });

  it("recognises PostgreSQL's own deadlock and serialization codes, not other errors", () => {
    expect(isSerializationFailure(new Error("ERROR: deadlock detected (40P01)"))).toBe(true);
    expect(isSerializationFailure(new Error("could not serialize access due to concurrent update"))).toBe(true);
    expect(isSerializationFailure(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
  });

  it("never retries another error, and gives up after its attempts", async () => {
    let calls = 0;
    await expect(retriedOnConflict(async () => (calls++, Promise.reject(new Error("boom"))))).rejects.toThrow("boom");
    expect(calls).toBe(1);
    calls = 0;
    await expect(retriedOnConflict(async () => (calls++, Promise.reject(conflict("deadlock"))), 3)).rejects.toThrow("deadlock");
    expect(calls).toBe(3);
  });
});
