/** Funds (-15, credit limit, getAccountBalance) and the reseller=Y authorization flow, incl. the demo world. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { harness, T0, type Harness, type OrderView } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await harness({ demo: true, demoAnchor: T0 });
  await h.account("buyer", { funds: 100, creditLimit: 0 });
});
afterAll(() => h.close());

const demoLogin = `loginName=${DEMO_RESELLER.loginName}&loginPassword=${DEMO_RESELLER.password}`;
const placeY = (login: string, domain: string, ppp = 10049) =>
  h.form("!PlaceOrder", `${login}&ap=brand&reseller=Y&emailAddress=o%40${domain}&1_PPP=${ppp}&domainName=${domain}`);

describe("funds", () => {
  it("debits the price and answers -15 Not enough credit! when funds run out", async () => {
    const ok = await h.lines("!AutoApplyOrder", "loginName=buyer&loginPassword=pw&product=1060&days=365&domainName=f1.example&appRepEmailAddress=o@f1.example");
    expect(ok[0]).toBe("0");
    expect(await h.funds("buyer")).toBeCloseTo(0.01, 2);
    const short = await h.lines("!AutoApplyOrder", "loginName=buyer&loginPassword=pw&product=1060&days=30&domainName=f2.example&appRepEmailAddress=o@f2.example");
    expect(short).toEqual(["-15", "Not enough credit!"]);
  });

  it("a credit limit lets the balance go negative", async () => {
    await h.account("credit", { funds: 0, creditLimit: 50 });
    const ok = await h.lines("!AutoApplyOrder", "loginName=credit&loginPassword=pw&product=1061&days=30&domainName=f3.example&appRepEmailAddress=o@f3.example");
    expect(ok[0]).toBe("0");
    expect(await h.funds("credit")).toBeCloseTo(-29.99, 2);
  });

  it("getAccountBalance answers in both formats", async () => {
    const lines = await h.lines("!getAccountBalance", demoLogin);
    expect(lines).toEqual(["0", expect.stringMatching(/^\d+$/), "USD", "5000.00", "0.00"]);
    const form = await h.form("!getAccountBalance", `${demoLogin}&responseFormat=1`);
    expect(form.get("errorCode")).toBe("0");
    expect(form.get("balance")).toBe("5000.00");
    expect(form.get("currency")).toBe("USD");
  });

  it("test=Y validates but neither bills nor creates a license", async () => {
    const before = await h.funds("credit");
    const res = await h.form("!AutoApplyOrder", "loginName=credit&loginPassword=pw&product=1060&days=30&domainName=t1.example&appRepEmailAddress=o@t1.example&test=Y&responseFormat=1");
    expect(res.get("errorCode")).toBe("0");
    expect(res.get("totalCost")).toBe("0.00");
    expect(await h.funds("credit")).toBe(before);
    const view = await h.admin<OrderView>("GET", `orders/${res.get("orderNumber")}`);
    expect(view.order.status).toBe("test");
    expect(view.licenses).toEqual([]);
  });
});

describe("AutoAuthorize / AutoReject", () => {
  it("the demo's awaiting order 9100004 authorizes (SiteLock-only: user and site IDs)", async () => {
    const lines = await h.lines("!AutoAuthorize", `${demoLogin}&orderNumber=9100004`);
    expect(lines[0]).toBe("0");
    expect(lines[1]).toBe("700000103");
    expect(lines[2]).toBe("site-cobalt-shop");
    expect((await h.lines("!AutoAuthorize", `${demoLogin}&orderNumber=9100004`))[0]).toBe("-4");
  });

  it("reseller=Y waits; authorization debits the funds", async () => {
    const placed = await placeY(demoLogin, "auth1.example");
    const order = placed.get("orderNumber") ?? "";
    const before = await h.funds(DEMO_RESELLER.loginName);
    expect((await h.admin<OrderView>("GET", `orders/${order}`)).licenses[0]?.status).toBe("awaiting");
    expect(await h.lines("!AutoAuthorize", `${demoLogin}&orderNumber=${order}&test=Y`)).toHaveLength(3);
    expect(await h.funds(DEMO_RESELLER.loginName)).toBe(before);
    expect((await h.lines("!AutoAuthorize", `${demoLogin}&orderNumber=${order}`))[0]).toBe("0");
    expect(await h.funds(DEMO_RESELLER.loginName)).toBeCloseTo(before - 99.99, 2);
    const view = await h.admin<OrderView>("GET", `orders/${order}`);
    expect(view.order.status).toBe("active");
    expect(view.licenses[0]?.status).toBe("active");
  });

  it("rejecting leaves funds alone; a rejected order cannot be authorized (-20)", async () => {
    const order = (await placeY(demoLogin, "rej1.example")).get("orderNumber") ?? "";
    expect(await h.lines("!AutoReject", `${demoLogin}&orderNumber=${order}`)).toEqual(["0"]);
    expect((await h.lines("!AutoAuthorize", `${demoLogin}&orderNumber=${order}`))[0]).toBe("-20");
    expect((await h.admin<OrderView>("GET", `orders/${order}`)).order.status).toBe("rejected");
  });

  it("authorization without funds is -15; another account's order is -4", async () => {
    const order = (await placeY("loginName=buyer&loginPassword=pw", "auth2.example", 10051)).get("orderNumber") ?? "";
    expect((await h.lines("!AutoAuthorize", `loginName=buyer&loginPassword=pw&orderNumber=${order}`))[0]).toBe("-15");
    expect((await h.lines("!AutoAuthorize", `${demoLogin}&orderNumber=${order}`))[0]).toBe("-4");
  });

  it("reseller=N is live at once and not debited", async () => {
    const before = await h.funds(DEMO_RESELLER.loginName);
    const res = await h.form("!PlaceOrder", `${demoLogin}&ap=brand&reseller=N&emailAddress=o%40n1.example&1_PPP=10051&domainName=n1.example`);
    expect((await h.admin<OrderView>("GET", `orders/${res.get("orderNumber")}`)).order.status).toBe("active");
    expect(await h.funds(DEMO_RESELLER.loginName)).toBe(before);
  });

  it("auto-renew: reseller=Y takes the account's setting, reseller=N never renews from the reseller's funds (issue 17 #6)", async () => {
    await h.account("renewer", { funds: 1000, autoRenewDefault: true });
    const login = "loginName=renewer&loginPassword=pw";
    const y = await placeY(login, "ar-y.example", 10051);
    const n = await h.form("!PlaceOrder", `${login}&ap=brand&reseller=N&emailAddress=o%40ar-n.example&1_PPP=10051&domainName=ar-n.example`);
    const licenseOf = async (order: string | null) => (await h.admin<OrderView>("GET", `orders/${order}`)).licenses[0]!;
    expect((await licenseOf(y.get("orderNumber"))).autoRenew).toBe(true);
    expect((await licenseOf(n.get("orderNumber"))).autoRenew).toBe(false);
    expect(await h.funds("renewer")).toBe(1000);
    // What WebHostReport reports as the order's cost (and Order Desk records when it reconciles): the reseller's.
    expect((await h.admin<OrderView>("GET", `orders/${n.get("orderNumber")}`)).order.totalCost).toBe(0);
    expect((await h.admin<OrderView>("GET", `orders/${y.get("orderNumber")}`)).order.totalCost).toBeGreaterThan(0);
  });

  it("reseller is required (seed 002): -3 reseller", async () => {
    const res = await h.form("!PlaceOrder", `${demoLogin}&ap=brand&emailAddress=o%40nr.example&1_PPP=10051&domainName=nr.example`);
    expect(res.get("errorCode")).toBe("-3");
    expect(res.get("errorItem")).toBe("reseller");
  });
});

describe("demo world", () => {
  it("holds the demo orders with the demo dates and foreign order numbers", async () => {
    const view = await h.admin<{ orders: OrderView[] }>("GET", "orders?foreignOrderNumber=OD-DEMO-0002");
    expect(view.orders).toHaveLength(1);
    const license = view.orders[0]?.licenses[0];
    expect(license?.expiresAt).toBe(new Date(T0.getTime() + 12 * 86_400_000).toISOString());
    const acme = await h.admin<OrderView>("GET", "orders/9100001");
    expect(acme.licenses.map((l) => l.productCode)).toEqual([1061, 1069, 1071]);
    expect((await h.admin<OrderView>("GET", "orders/9100003")).licenses[0]?.reportedStatus).toBe("expired");
  });

  it("the no-SiteLock demo account gets -76", async () => {
    const lines = await h.lines("!AutoApplyOrder", "loginName=orderdesk-nositelock&loginPassword=demo-sandbox-pass&product=1060&days=30&domainName=x.example&appRepEmailAddress=o@x.example");
    expect(lines).toEqual(["-76", "SiteLock partner account isn't activated"]);
  });
});
