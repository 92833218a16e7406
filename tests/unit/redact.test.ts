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
