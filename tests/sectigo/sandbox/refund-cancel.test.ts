/** AutoRefund (14-day window on annual licenses, restarting on renewal) and modifyThirdPartyDetails CANCELLICENCE. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DAY, harness, licenses, orderLicense, T0, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await harness();
  await h.account("refunder");
});
afterAll(() => h.close());
beforeEach(() => h.setClock(T0));

const refund = (order: string, reason = 11) =>
  h.lines("!AutoRefund", `loginName=refunder&loginPassword=pw&orderNumber=${order}&refundReasonCode=${reason}`);
const cancel = (order: string, product: number) =>
  h.form("!modifyThirdPartyDetails", `loginName=refunder&loginPassword=pw&orderNumber=${order}&product=${product}&action=CANCELLICENCE`);
const at = (days: number) => h.setClock(new Date(T0.getTime() + days * DAY));

describe("!AutoRefund", () => {
  it("refunds an annual license on day 14 and credits the funds back", async () => {
    const before = await h.funds("refunder");
    const order = await orderLicense(h, "refunder", "product=1061,1069&days=365&domainName=r1.example&appRepEmailAddress=o@r1.example");
    expect(await h.funds("refunder")).toBeCloseTo(before - 299.99 - 79.99, 2);
    await at(14);
    expect(await refund(order)).toEqual(["0"]);
    expect(await h.funds("refunder")).toBeCloseTo(before, 2);
    const statuses = (await licenses(h, "r1.example")).map((l) => l.status);
    expect(statuses).toEqual(["refunded", "refunded"]);
    expect((await refund(order))[0]).toBe("-18");
  });

  it("is refused after 14 days and for monthly licenses", async () => {
    const annual = await orderLicense(h, "refunder", "product=1060&days=365&domainName=r2.example&appRepEmailAddress=o@r2.example");
    const monthly = await orderLicense(h, "refunder", "product=1060&days=30&domainName=r3.example&appRepEmailAddress=o@r3.example");
    expect((await refund(monthly))[0]).toBe("-83");
    await at(15);
    expect(await refund(annual)).toEqual(["-83", "'orderNumber' is not applicable to this order!"]);
  });

  it("the refund period restarts on renewal", async () => {
    const order = await orderLicense(h, "refunder", "product=1060&days=365&domainName=r4.example&appRepEmailAddress=o@r4.example");
    await at(340);
    const renewal = await h.lines(
      "!AutoApplyOrder",
      `loginName=refunder&loginPassword=pw&product=1060&days=365&domainName=r4.example&appRepEmailAddress=o@r4.example&previousOrderNumber=${order}`,
    );
    expect(renewal[0]).toBe("0");
    const before = await h.funds("refunder");
    await at(352);
    expect(await refund(renewal[1] ?? "")).toEqual(["0"]);
    expect(await h.funds("refunder")).toBeCloseTo(before + 99.99, 2);
  });

  it("refunds the base license but only cancels an add-on that has no refund period of its own", async () => {
    const base = await orderLicense(h, "refunder", "product=1060&days=365&domainName=r6.example&appRepEmailAddress=o@r6.example");
    await orderLicense(h, "refunder", `product=1068&days=30&domainName=r6.example&appRepEmailAddress=o@r6.example&previousOrderNumber=${base}`);
    await at(9);
    const before = await h.funds("refunder");
    expect(await refund(base)).toEqual(["0"]);
    expect(await h.funds("refunder")).toBeCloseTo(before + 99.99, 2);
    const byCode = Object.fromEntries((await licenses(h, "r6.example")).map((l) => [l.productCode, l.status]));
    expect(byCode).toEqual({ 1060: "refunded", 1068: "cancelled" });
  });

  it("rejects a bad reason code and an add-on-only order", async () => {
    const order = await orderLicense(h, "refunder", "product=1060&days=365&domainName=r5.example&appRepEmailAddress=o@r5.example");
    expect((await refund(order, 12))[0]).toBe("-4");
    const addOn = await orderLicense(h, "refunder", `product=1071&days=365&domainName=r5.example&appRepEmailAddress=o@r5.example&previousOrderNumber=${order}`);
    expect((await refund(addOn))[0]).toBe("-83");
  });
});

describe("!modifyThirdPartyDetails action=CANCELLICENCE", () => {
  it("cancelling the base license cancels its add-ons and refunds inside the window", async () => {
    const before = await h.funds("refunder");
    const order = await orderLicense(h, "refunder", "product=1060,1071,1068&days=365&domainName=c1.example&appRepEmailAddress=o@c1.example");
    const res = await cancel(order, 1060);
    expect(res.toString()).toBe("errorCode=0");
    expect((await licenses(h, "c1.example")).map((l) => l.status)).toEqual(["refunded", "refunded", "refunded"]);
    expect(await h.funds("refunder")).toBeCloseTo(before, 2);
    expect((await cancel(order, 1060)).get("errorCode")).toBe("-18");
  });

  it("always cancels outside the refund window, without credit; then AutoRefund says -20", async () => {
    const order = await orderLicense(h, "refunder", "product=1061,1069&days=365&domainName=c2.example&appRepEmailAddress=o@c2.example");
    await at(100);
    const before = await h.funds("refunder");
    expect((await cancel(order, 1061)).get("errorCode")).toBe("0");
    expect(await h.funds("refunder")).toBe(before);
    expect((await licenses(h, "c2.example")).map((l) => l.status)).toEqual(["cancelled", "cancelled"]);
    expect((await refund(order))[0]).toBe("-20");
    expect((await cancel(order, 1061)).get("errorCode")).toBe("-20");
  });

  it("cancelling an add-on leaves the base license alone", async () => {
    const order = await orderLicense(h, "refunder", "product=1060,1076&days=365&domainName=c3.example&appRepEmailAddress=o@c3.example");
    expect((await cancel(order, 1076)).get("errorCode")).toBe("0");
    const byCode = Object.fromEntries((await licenses(h, "c3.example")).map((l) => [l.productCode, l.status]));
    expect(byCode).toEqual({ 1060: "active", 1076: "refunded" });
  });

  it("validates action and product", async () => {
    const order = await orderLicense(h, "refunder", "product=1060&days=365&domainName=c4.example&appRepEmailAddress=o@c4.example");
    expect((await h.form("!modifyThirdPartyDetails", `loginName=refunder&loginPassword=pw&orderNumber=${order}&product=1060&action=RENAME`)).get("errorCode")).toBe("-4");
    expect((await cancel(order, 1061)).get("errorMessage")).toBe("The value of the 'product' argument is invalid!");
    expect((await h.form("!modifyThirdPartyDetails", `loginName=refunder&loginPassword=pw&orderNumber=${order}&product=1060&action=CANCELLICENSE`)).get("errorCode")).toBe("0");
  });
});

describe("the SSL PLUS SiteLock Bundle (1072) (issue 9 review #6)", () => {
  it("inside the refund window AutoRefund is no way to it; CANCELLICENCE cancels it, refunds nothing (it came free), and leaves the certificate", async () => {
    const body = [
      "loginName=refunder&loginPassword=pw", "product=287", "days=365", "domainName=bundle6.example", "appRepEmailAddress=o@bundle6.example",
      "serverSoftware=-1", "organizationName=Org", "localityName=Wichita", "stateOrProvinceName=Kansas",
      "countryName=US", "isCustomerValidated=N", "csr=my_base64_encoded_csr", "prioritiseCSRValues=Y",
    ].join("&");
    const placed = await h.lines("!AutoApplyOrder", body);
    expect(placed[0]).toBe("0");
    const order = placed[1] ?? "";
    await at(5);
    const before = await h.funds("refunder");
    expect((await cancel(order, 1072)).get("errorCode")).toBe("0");
    expect(await h.funds("refunder")).toBe(before);
    const byCode = Object.fromEntries((await licenses(h, "bundle6.example")).map((l) => [l.productCode, l.status]));
    expect(byCode[1072]).toBe("cancelled");
  });
});

