/** !PlaceOrder: items, prefixes, case-insensitive names, customers, conditional rules and redirects. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness, licenses, type Harness, type OrderView } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await harness();
  await h.account("placer");
});
afterAll(() => h.close());

const login = "loginName=placer&loginPassword=pw&ap=brand";
const place = (fields: string) => h.form("!PlaceOrder", `${login}&${fields}`);

describe("items", () => {
  it("several items in one order: base + add-ons, `_1_` prefix, x_ID with x_days, x_visibility", async () => {
    const res = await place(
      // reseller=Y: the order's cost is the reseller's (a reseller=N order costs the reseller 0: funds-authorize.test.ts).
      "reseller=Y&emailAddress=multi%40m.example&domainName=m.example&_1_PPP=10049&2_PPP=10066&3_ID=1071&3_days=30&3_visibility=0&2_quantity=1",
    );
    expect(res.get("errorCode")).toBe("0");
    const view = await h.admin<OrderView>("GET", `orders/${res.get("orderNumber")}`);
    expect(view.licenses.map((l) => [l.productCode, l.termDays])).toEqual([[1060, 365], [1070, 30], [1071, 30]]);
    expect(view.order.totalCost).toBeCloseTo(99.99 + 12.99 + 9.99, 2);
  });

  it("parameter names are case-insensitive", async () => {
    const res = await place("RESELLER=N&EmailAddress=case%40c.example&DOMAINNAME=c.example&1_ppp=10047&FORENAME=Ann&surname=Lee");
    expect(res.get("errorCode")).toBe("0");
  });

  it("-39 without item 1, -54 with two main licenses, -65 unknown PPP, -4 wrong x_days", async () => {
    expect((await place("reseller=N&emailAddress=a%40i.example&domainName=i.example")).get("errorCode")).toBe("-39");
    expect((await place("reseller=N&emailAddress=a%40i.example&domainName=i.example&2_PPP=10049")).get("errorCode")).toBe("-39");
    expect((await place("reseller=N&emailAddress=a%40i.example&domainName=i.example&1_PPP=10049&2_PPP=10051")).get("errorCode")).toBe("-54");
    expect((await place("reseller=N&emailAddress=a%40i.example&domainName=i.example&1_PPP=99999")).get("errorCode")).toBe("-65");
    expect((await place("reseller=N&emailAddress=a%40i.example&domainName=i.example&1_ID=287")).get("errorCode")).toBe("-65");
    const days = await place("reseller=N&emailAddress=a%40i.example&domainName=i.example&1_PPP=10049&1_days=30");
    expect([days.get("errorCode"), days.get("errorItem")]).toEqual(["-4", "1_days"]);
  });

  it("-83 for fields of other products and a quantity above 1; -128 add-on without license", async () => {
    const mac = await place("reseller=N&emailAddress=a%40j.example&domainName=j.example&1_PPP=10049&1_MACAddress=00:11:22:33:44:55");
    expect([mac.get("errorCode"), mac.get("errorMessage")]).toEqual(["-83", "'1_MACAddress' is not applicable to this order!"]);
    expect((await place("reseller=N&emailAddress=a%40j.example&domainName=j.example&1_PPP=10049&1_quantity=2")).get("errorCode")).toBe("-83");
    expect((await place("reseller=N&emailAddress=a%40j.example&domainName=j.example&1_PPP=10085")).get("errorCode")).toBe("-128");
    expect((await place("reseller=N&emailAddress=a%40j.example&domainName=j.example&1_PPP=10051&2_PPP=10085")).get("errorCode")).toBe("-128");
    expect((await place("reseller=N&emailAddress=a%40j.example&domainName=j.example&1_PPP=10049&offerCode=FREE_EV_UPGRADE")).get("errorCode")).toBe("-83");
    expect((await place("reseller=N&emailAddress=a%40j.example&domainName=j.example&1_PPP=10049&offerCode=CHEAP")).get("errorCode")).toBe("-4");
  });
});

describe("encoding", () => {
  it("percent-encodes answers as the documented sample does (%20, not +)", async () => {
    const res = await fetch(`${h.url}/products/!PlaceOrder`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "loginName=nobody&loginPassword=wrong&ap=brand&reseller=N&emailAddress=a%40e.example&domainName=e.example&1_PPP=10049",
    });
    const text = await res.text();
    expect(text).toMatch(/^errorCode=-16&/);
    expect(text).toContain("Incorrect%20login%20details%2C%20");
    expect(text).not.toContain("+");
  });
});

describe("customer and company details", () => {
  it("-70 bad e-mail, -7 bad country (countryName or country); SiteLock needs no complete address", async () => {
    expect((await place("reseller=N&emailAddress=not-an-email&domainName=k.example&1_PPP=10049")).get("errorCode")).toBe("-70");
    expect((await place("reseller=N&emailAddress=a%40k.example&domainName=k.example&1_PPP=10049&country=ZZ")).get("errorCode")).toBe("-7");
    const partial = await place("reseller=N&emailAddress=a%40p.example&domainName=p.example&1_PPP=10049&postalCode=12345");
    expect(partial.get("errorCode")).toBe("0");
    const ok = await place("reseller=N&emailAddress=a%40k.example&domainName=k.example&1_PPP=10049&streetAddress1=1+Main+St&localityName=Leeds&country=GB");
    expect(ok.get("errorCode")).toBe("0");
  });

  it("new vs returning customer from emailAddress / isReturningCustomer / licenceCode", async () => {
    const first = await place("reseller=N&emailAddress=ret%40r.example&domainName=r.example&1_PPP=10049&name=Rita+Ret");
    expect(first.get("errorCode")).toBe("0");
    // New customer with an e-mail already known -> -122.
    expect((await place("reseller=N&isReturningCustomer=N&emailAddress=ret%40r.example&domainName=r2.example&1_PPP=10049")).get("errorCode")).toBe("-122");
    // Returning: no e-mail (so returning by default), found through licenceCode.
    const again = await place(`reseller=N&licenceCode=${first.get("orderNumber")}&domainName=r2.example&1_PPP=10051&telephoneNumber=123`);
    expect(again.get("errorCode")).toBe("0");
    const view = await h.admin<OrderView & { customer: { email: string; telephone: string } }>("GET", `orders/${again.get("orderNumber")}`);
    expect(view.customer.email).toBe("ret@r.example");
    expect(view.customer.telephone).toBe("123");
    // Returning customer that does not exist.
    expect((await place("reseller=N&isReturningCustomer=Y&emailAddress=ghost%40g.example&domainName=g.example&1_PPP=10049")).get("errorCode")).toBe("-4");
    // A new customer for a domain somebody already holds.
    expect((await place("reseller=N&emailAddress=other%40o.example&domainName=r.example&1_PPP=10049")).get("errorCode")).toBe("-122");
  });

  it("add-on for a returning customer's existing license", async () => {
    const res = await place("reseller=N&isReturningCustomer=Y&emailAddress=ret%40r.example&domainName=r.example&1_PPP=10064");
    expect(res.get("errorCode")).toBe("0");
    expect((await licenses(h, "r.example")).map((l) => l.productCode)).toEqual([1060, 1068]);
  });
});

describe("transport", () => {
  it("GET works; successURL redirects with the answer in the query string", async () => {
    const res = await fetch(
      `${h.url}/products/!PlaceOrder?${login}&reseller=N&emailAddress=s%40s.example&domainName=s.example&1_PPP=10049&successURL=https%3A%2F%2Fshop.example%2Fdone%3Fcart%3D7`,
      { redirect: "manual" },
    );
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.searchParams.get("cart")).toBe("7");
    expect(location.searchParams.get("errorCode")).toBe("0");
    expect(location.searchParams.get("orderNumber")).toMatch(/^\d+$/);
  });

  it("-2 for an unknown argument uses the seed's wording", async () => {
    const res = await place("reseller=N&emailAddress=a%40u.example&domainName=u.example&1_PPP=10049&colour=red");
    expect(res.get("errorMessage")).toBe("'colour' is an unrecognized argument!");
    expect(res.get("errorItem")).toBe("colour");
  });
});
