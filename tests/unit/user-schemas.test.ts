import { describe, expect, it } from "vitest";
import { createUserSchema } from "@/lib/users/user-schemas";

const valid = { email: "new@orderdesk.test", name: "New Person", role: "STAFF", password: "a-long-enough-password" };

function errorsOf(input: Record<string, unknown>) {
  const result = createUserSchema.safeParse(input);
  return result.success ? {} : result.error.flatten().fieldErrors;
}

describe("createUserSchema", () => {
  it("accepts a plain user, trimming the name and lower-casing the email", () => {
    expect(createUserSchema.parse({ ...valid, name: "  Zoë Ångström ", email: "New@OrderDesk.test" })).toMatchObject({ name: "Zoë Ångström", email: "new@orderdesk.test" });
  });

  // A null byte reached PostgreSQL (22021) and came back as an INTERNAL error: it is a field error now.
  it.each([
    ["null byte", "Ada\u0000Lovelace"],
    ["bell", "Ada\u0007"],
    ["line feed inside", "Ada\nLovelace"],
    ["C1 control", "Ada\u0085"],
    ["line separator", "Ada\u2028Lovelace"],
  ])("refuses a name with a %s as an error on the name field", (_label, name) => {
    expect(errorsOf({ ...valid, name }).name?.[0]).toMatch(/control characters/);
  });

  it("refuses a null byte in the password as a field error", () => {
    expect(errorsOf({ ...valid, password: "a-long-enough\u0000password" }).password?.[0]).toMatch(/control characters/);
  });

  it("refuses a null byte in the email as a field error", () => {
    expect(errorsOf({ ...valid, email: "a\u0000b@orderdesk.test" }).email?.[0]).toBeTruthy();
  });
});
