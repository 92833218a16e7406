/** Upgrades / downgrades (pro-rated, expiry kept) and add-on capacity rules. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DAY, harness, licenses, orderLicense, T0, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await harness();
  await h.account("upgrader");
});
afterAll(() => h.close());
beforeEach(() => h.setClock(T0));

const change = (order: string, domain: string, product: string, days = 365) =>
  h.lines(
    "!AutoApplyOrder",
    `loginName=upgrader&loginPassword=pw&product=${product}&days=${days}&domainName=${domain}&appRepEmailAddress=o@${domain}&previousOrderNumber=${order}`,
  );

describe("base license upgrade / downgrade", () => {
  it("Basic -> Pro half-way through costs half the price difference and keeps the expiry", async () => {
    const order = await orderLicense(h, "upgrader", "product=1060&days=365&domainName=u1.example&appRepEmailAddress=o@u1.example");
    await h.setClock(new Date(T0.getTime() + 182.5 * DAY));
    const before = await h.funds("upgrader");
    const lines = await change(order, "u1.example", "1061");
    expect(lines[0]).toBe("0");
    expect(lines[2]).toBe("100.00"); // (299.99 - 99.99) / 2
    expect(await h.funds("upgrader")).toBeCloseTo(before - 100, 2);
    const [base] = await licenses(h, "u1.example");
    expect(base?.productCode).toBe(1061);
    expect(base?.expiresAt).toBe(new Date(T0.getTime() + 365 * DAY).toISOString());
  });

  it("a downgrade costs nothing and cancels add-ons the new product cannot take", async () => {
    const order = await orderLicense(h, "upgrader", "product=1061,1069&days=365&domainName=u2.example&appRepEmailAddress=o@u2.example");
    const lines = await change(order, "u2.example", "1059");
    expect(lines[2]).toBe("0.00");
    const byCode = Object.fromEntries((await licenses(h, "u2.example")).map((l) => [l.productCode, l.status]));
    expect(byCode).toEqual({ 1059: "active", 1069: "cancelled" });
  });

  it("an upgrade needs a priced term for the new product (-115)", async () => {
    const order = await orderLicense(h, "upgrader", "product=1060&days=30&domainName=u3.example&appRepEmailAddress=o@u3.example");
    expect((await change(order, "u3.example", "1059", 30))[0]).toBe("-115");
  });
});

describe("add-ons on an existing license", () => {
  it("a bigger backup replaces the smaller one, pro-rated; a smaller one is -121", async () => {
    const order = await orderLicense(h, "upgrader", "product=1060,1068&days=365&domainName=a1.example&appRepEmailAddress=o@a1.example");
    await h.setClock(new Date(T0.getTime() + 182.5 * DAY));
    const up = await change(order, "a1.example", "1070");
    expect(up[0]).toBe("0");
    expect(up[2]).toBe("40.00"); // (129.99 - 49.99) / 2
    expect((await licenses(h, "a1.example")).map((l) => l.productCode).sort()).toEqual([1060, 1070]);
    expect((await change(order, "a1.example", "1069"))[0]).toBe("-121");
  });

  it("an add-on the tier does not take is -121; on a free product it is -128", async () => {
    const pro = await orderLicense(h, "upgrader", "product=1061&days=365&domainName=a2.example&appRepEmailAddress=o@a2.example");
    expect((await change(pro, "a2.example", "1078"))[0]).toBe("-121");
    const monitor = await orderLicense(h, "upgrader", "product=1059&days=365&domainName=a3.example&appRepEmailAddress=o@a3.example");
    expect((await change(monitor, "a3.example", "1071"))[0]).toBe("-128");
  });

  it("an add-on renews only inside its own window", async () => {
    const order = await orderLicense(h, "upgrader", "product=1060,1071&days=365&domainName=a4.example&appRepEmailAddress=o@a4.example");
    expect((await change(order, "a4.example", "1071"))[0]).toBe("-121");
    await h.setClock(new Date(T0.getTime() + 350 * DAY));
    expect((await change(order, "a4.example", "1071"))[0]).toBe("0");
  });
});
