/**
 * POST /__sandbox/seed: the scaled world (tools/demo-world/scaled-world.ts) in one call. Validation first
 * (a 400 changes nothing), the same seed twice is a 409, and the seeded records are ordinary sandbox
 * records that the reseller API works with (a renewal of a seeded license).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_RESELLER, demoDates } from "@/tools/demo-world/demo-data";
import { scaledCustomers } from "@/tools/demo-world/scaled-world";
import { harness, T0, type Harness, type LicenseView } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await harness({ demo: true, demoAnchor: T0 });
});
afterAll(() => h.close());

const seed = (body: unknown) => h.adminRaw("POST", "seed", { headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const snapshot = async () => JSON.stringify(await Promise.all(["accounts", "orders", "licenses"].map((p) => h.admin("GET", p))));

describe("POST /__sandbox/seed", () => {
  it.each([
    [{}, /licenses/],
    [{ licenses: 0 }, /licenses/],
    [{ licenses: 1_000_001 }, /licenses/],
    [{ licenses: 1.5 }, /licenses/],
    [{ licenses: "10" }, /licenses/],
    [{ licenses: 10, seed: -1 }, /seed/],
    [{ licenses: 10, autoRenewShare: 2 }, /autoRenewShare/],
    [{ licenses: 10, expiryFromDays: 10, expiryToDays: 0 }, /expiryFromDays must not be after/],
    [{ licenses: 10, anchor: "yesterday" }, /anchor/],
    [{ licenses: 10, loginName: "nobody" }, /no sandbox account nobody/],
    [{ licenses: 10, extra: 1 }, /extra/],
  ])("refuses %j with a 400 that names the field and changes nothing", async (body, why) => {
    const before = await snapshot();
    const res = await seed(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(why);
    expect(await snapshot()).toBe(before);
  });

  it("seeds the generator's world for the demo login, then refuses the same seed with a 409", async () => {
    const res = await seed({ licenses: 300, seed: 4, anchor: "2030-01-01" });
    expect(res.status).toBe(201);
    const customers = [...scaledCustomers({ licenses: 300, seed: 4 })];
    const licenses = customers.flatMap((c) => c.licenses);
    expect(await res.json()).toMatchObject({
      customers: customers.length,
      licenses: 300,
      addOns: licenses.reduce((n, l) => n + l.addOns.length, 0),
      orders: 300,
      anchor: T0.toISOString(),
    });
    const sample = licenses[137]!;
    const view = await h.admin<{ order: { foreignOrderNumber: string; loginName: string }; licenses: LicenseView[] }>("GET", `orders/${sample.orderNumber}`);
    expect(view.order).toMatchObject({ foreignOrderNumber: sample.foreignOrderNumber, loginName: DEMO_RESELLER.loginName });
    expect(view.licenses.find((l) => l.parentId === null)).toMatchObject({ domainName: sample.domainName, expiresAt: demoDates(sample, T0).expiresAt.toISOString() });

    const before = await snapshot();
    const again = await seed({ licenses: 300, seed: 4 });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toMatch(/seed 4 is already in the sandbox/);
    expect(await snapshot()).toBe(before);
    expect((await seed({ licenses: 10, seed: 5 })).status).toBe(201);
  });

  it("seeds for another login, whose seeded licenses the reseller API renews", async () => {
    await h.account("scaler");
    expect((await seed({ licenses: 5, seed: 6, loginName: "scaler", anchor: "2030-01-01", expiryFromDays: 5, expiryToDays: 10 })).status).toBe(201);
    const l = [...scaledCustomers({ licenses: 5, seed: 6, expiryFromDays: 5, expiryToDays: 10 })][0]!.licenses[0]!;
    const res = await h.form(
      "!AutoApplyOrder",
      `loginName=scaler&loginPassword=pw&responseFormat=1&product=${l.productCode}&days=${l.termDays}&domainName=${l.domainName}&appRepEmailAddress=o@${l.domainName}&previousOrderNumber=${l.orderNumber}`,
    );
    expect(res.get("errorCode"), res.toString()).toBe("0");
  });

  it("seeds 20,000 licenses in one call within seconds", async () => {
    const t = Date.now();
    const res = await seed({ licenses: 20_000, seed: 9 });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { licenses: number }).licenses).toBe(20_000);
    expect(Date.now() - t).toBeLessThan(10_000);
  });
});
