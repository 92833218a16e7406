import { describe, expect, it } from "vitest";
import { redactText } from "@/lib/orders/redact";

describe("redactText", () => {
  it.each([
    ['{"loginName":"a","loginPassword":"s3cr\\"et"}', '{"loginName":"a","loginPassword":"[REDACTED]"}'],
    ['{"appRepLoginPassword" : "x"}', '{"appRepLoginPassword" : "[REDACTED]"}'],
    ["loginName=a&loginPassword=s3cret&x=1", "loginName=a&loginPassword=[REDACTED]&x=1"],
    ["loginPassword=s3cret", "loginPassword=[REDACTED]"],
    ['{"domainName":"passwords.example"}', '{"domainName":"passwords.example"}'],
  ])("%s", (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });
});

describe("withoutSecrets (what an order stores of its request)", () => {
  it("drops every value under a key that names a password, at any depth", async () => {
    const { withoutSecrets } = await import("@/lib/orders/submit-order");
    const stored = withoutSecrets({
      operation: "autoApplyOrder",
      input: { kind: "newCustomer", siteLockLoginPassword: "s3cret", contactEmail: "a@b.example", nested: { loginPassword: "x", keep: 1 } },
    });
    expect(JSON.stringify(stored)).not.toMatch(/s3cret|"x"/);
    expect(stored).toEqual({ operation: "autoApplyOrder", input: { kind: "newCustomer", contactEmail: "a@b.example", nested: { keep: 1 } } });
  });
});
