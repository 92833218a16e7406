import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createActionClient } from "@/lib/auth/authorized-action";
import type { Actor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

const staff: Actor = { id: "u1", email: "staff@x.test", name: "Staff", role: "STAFF" };
const support: Actor = { id: "u2", email: "support@x.test", name: "Support", role: "SUPPORT" };
const schema = z.object({ domainName: z.string().min(3, "Too short.") });

function client(actor: Actor | null) {
  return createActionClient({ getActor: async () => actor, logError: () => {} });
}

describe("authorizedAction", () => {
  it("refuses a missing session without running the handler", async () => {
    const handler = vi.fn(async () => "placed");
    const action = client(null)({ name: "test.action", permission: "placeOrders", schema }, handler);
    const result = await action({ domainName: "example.com" });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: "UNAUTHENTICATED" }) });
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses a role without the permission without running the handler", async () => {
    const handler = vi.fn(async () => "placed");
    const action = client(support)({ name: "test.action", permission: "placeOrders", schema }, handler);
    const result = await action({ domainName: "example.com" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe("FORBIDDEN");
    expect(handler).not.toHaveBeenCalled();
  });

  it("checks the role before parsing input", async () => {
    const action = client(support)({ name: "test.action", permission: "placeOrders", schema }, async () => "x");
    const result = await action({ domainName: "" });
    expect(!result.ok && result.error.code).toBe("FORBIDDEN");
  });

  it("returns field errors for invalid input", async () => {
    const handler = vi.fn(async () => "placed");
    const action = client(staff)({ name: "test.action", permission: "placeOrders", schema }, handler);
    const result = await action({ domainName: "a" });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: "INVALID_INPUT", fieldErrors: { domainName: ["Too short."] } }),
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("passes the actor and parsed input to the handler", async () => {
    const action = client(staff)({ name: "test.action", permission: "placeOrders", schema }, async (actor, input) => `${actor.id}:${input.domainName}`);
    await expect(action({ domainName: "example.com" })).resolves.toEqual({ ok: true, data: "u1:example.com" });
  });

  it("maps an AppError to data tied to its field", async () => {
    const action = client(staff)({ name: "test.action", permission: "placeOrders", schema }, async () => {
      throw new AppError("CONFLICT", "Domain already has a license.", "domainName");
    });
    const result = await action({ domainName: "example.com" });
    expect(result).toEqual({
      ok: false,
      error: { code: "CONFLICT", message: "Domain already has a license.", fieldErrors: { domainName: ["Domain already has a license."] } },
    });
  });

  it("hides unexpected errors behind a reference and logs them", async () => {
    const logError = vi.fn();
    const action = createActionClient({ getActor: async () => staff, logError })({ name: "test.action", permission: "placeOrders", schema }, async () => {
      throw new Error("connection refused: password=hunter2");
    });
    const result = await action({ domainName: "example.com" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("INTERNAL");
    expect(result.error.message).not.toContain("hunter2");
    expect(result.error.message).toContain(result.error.ref!);
    // It cannot know whether the change happened (a Sectigo call may have gone out): no promise.
    expect(result.error.message).not.toMatch(/nothing was lost|try again\.?$/i);
    expect(result.error.message).toMatch(/cannot tell whether/i);
    expect(logError).toHaveBeenCalledWith(result.error.ref, expect.any(Error));
  });

  it("does not run an action whose audit entry cannot be written (a call to Sectigo cannot be undone afterwards)", async () => {
    const handler = vi.fn(async () => "placed");
    const audit = vi.fn(async () => {});
    const action = createActionClient({
      getActor: async () => staff,
      logError: () => {},
      audit,
      auditCheck: async () => {
        throw new Error("the audit log is unreachable");
      },
    })({ name: "test.action", permission: "placeOrders", schema }, handler);
    const result = await action({ domainName: "example.com" });
    expect(!result.ok && result.error.code).toBe("INTERNAL");
    expect(!result.ok && result.error.message).toMatch(/was not made/);
    expect(handler).not.toHaveBeenCalled();
    expect(audit).not.toHaveBeenCalled();
  });

  it("tries the entry of a done Sectigo change again before reporting it lost, and reports it by reference", async () => {
    const logged: string[] = [];
    let calls = 0;
    const action = createActionClient({
      getActor: async () => staff,
      logError: (ref, error) => logged.push(`${ref} ${(error as Error).message}`),
      audit: async () => {
        calls++;
        if (calls < 3) throw new Error("connection reset");
      },
      auditCheck: async () => {},
    })({ name: "test.action", permission: "placeOrders", schema }, async () => "placed");
    expect(await action({ domainName: "example.com" })).toEqual({ ok: true, data: "placed" });
    expect(calls).toBe(3);
    expect(logged).toEqual([]);
  });
});
