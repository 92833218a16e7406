/**
 * A plain cancellation sent inside the refund period (issue 18 review): the app records what Sectigo's
 * report of the order shows, and says it does not know when the report cannot be read.
 */
import { describe, expect, it, vi } from "vitest";
import { cancellationReadBack } from "@/lib/licenses/actions/cancel-read-back";

const report = (status: string | undefined, productCode = 1060) =>
  ({ webHostReport: async () => ({ ok: true as const, value: { rows: [{ index: 1, orderNumber: "123", extra: {}, items: [{ index: 1, productCode, status, extra: {} }] }] } }) }) as never;

describe("cancellationReadBack", () => {
  it("reads refunded or cancelled from the license's item of that order", async () => {
    expect(await cancellationReadBack(report("refunded"), "123", 1060)).toBe("REFUNDED");
    expect(await cancellationReadBack(report("Cancelled"), "123", 1060)).toBe("CANCELLED");
  });
  it("anything else (still active, another product, a refused or failed read) is not known: null", async () => {
    expect(await cancellationReadBack(report("active"), "123", 1060)).toBeNull();
    expect(await cancellationReadBack(report("refunded", 1071), "123", 1060)).toBeNull();
    const refused = { webHostReport: async () => ({ ok: false as const, error: { userMessage: "no" } }) } as never;
    expect(await cancellationReadBack(refused, "123", 1060)).toBeNull();
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const thrown = { webHostReport: async () => Promise.reject(new Error("socket hang up")) } as never;
    expect(await cancellationReadBack(thrown, "123", 1060)).toBeNull();
    quiet.mockRestore();
  });
});
