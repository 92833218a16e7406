/** Argument validation and the documented error codes, over raw HTTP. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness, orderLicense, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await harness();
  await h.account("checker");
  await h.account("nositelock", { siteLockEnabled: false });
  await h.account("limited", { callLimitPerMinute: 2 });
});
afterAll(() => h.close());

const base = "loginName=checker&loginPassword=pw&appRepEmailAddress=o@v.example";
const aao = (fields: string) => h.lines("!AutoApplyOrder", `${base}&${fields}`);

describe("argument errors", () => {
  it("-2 unknown argument, -3 missing, -4 invalid with the parameter name", async () => {
    expect(await aao("product=1060&days=30&domainName=a.example&colour=blue")).toEqual(["-2", "'colour' is an unrecognised argument!"]);
    expect(await aao("days=30&domainName=a.example")).toEqual(["-3", "The 'product' argument is missing!"]);
    expect(await aao("product=1060&days=abc&domainName=a.example")).toEqual(["-4", "The value of the 'days' argument is invalid!"]);
    expect((await aao(`product=1060&days=30&domainName=${"a".repeat(250)}.example`))[1]).toContain("'domainName'");
    expect((await aao("product=1060&days=30&domainName=a.example&enableAutoRenew=X"))[0]).toBe("-4");
    expect((await aao("product=1060&days=30&domainName=a.example&appRepForename=" + "x".repeat(65)))[1]).toContain("'appRepForename'");
    expect((await aao("product=9999&days=30&domainName=a.example"))[0]).toBe("-4");
  });

  it("the url-encoded error format (responseFormat=1)", async () => {
    const res = await h.post("!AutoApplyOrder", `${base}&responseFormat=1&days=30&domainName=a.example`);
    expect(await res.text()).toBe("errorCode=-3&errorMessage=The+%27product%27+argument+is+missing%21");
  });

  it("-7 bad country, -16 bad login, -17 GET, -76 SiteLock not enabled", async () => {
    expect(await aao("product=1060&days=30&domainName=a.example&countryName=XX")).toEqual(["-7", "'XX' is not a valid ISO-3166 country!"]);
    expect((await h.lines("!AutoApplyOrder", "loginName=checker&loginPassword=PW&product=1060&days=30&domainName=a.example&appRepEmailAddress=o@a.example"))[0]).toBe("-16");
    const get = await fetch(`${h.url}/products/!AutoApplyOrder?${base}&product=1060&days=30&domainName=a.example`);
    expect((await get.text()).split("\n")[0]).toBe("-17");
    expect((await h.lines("!AutoApplyOrder", "loginName=nositelock&loginPassword=pw&product=1060&days=30&domainName=a.example&appRepEmailAddress=o@a.example"))[0]).toBe("-76");
  });

  it("-42 after the per-minute call limit; the window moves with the clock", async () => {
    const call = () => h.lines("!getAccountBalance", "loginName=limited&loginPassword=pw");
    expect((await call())[0]).toBe("0");
    expect((await call())[0]).toBe("0");
    expect((await call())[0]).toBe("-42");
    await h.admin("POST", "clock", { advanceDays: 1 / 1440 + 1e-6 });
    expect((await call())[0]).toBe("0");
  });
});

describe("paths and formats", () => {
  it("accepts the partner-portal spelling without `!` and answers url-encoded on request", async () => {
    const res = await h.post("AutoApplyOrder", "loginName=checker&loginPassword=pw&appRepEmailAddress=o@alias-path.example&product=1060&days=30&domainName=alias-path.example&responseFormat=1");
    expect(res.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    const fields = new URLSearchParams(await res.text());
    expect([...fields.keys()]).toEqual(["errorCode", "orderNumber", "totalCost", "expectedDeliveryTime", "uniqueValue", "slUserID", "slSiteID"]);
    expect(fields.get("totalCost")).toBe("9.99");
    expect((await h.post("!NoSuchThing", base)).status).toBe(404);
  });
});

describe("product rules", () => {
  it("-54 two main licenses, -124 bundle without SSL, -128 add-on without a license", async () => {
    expect(await aao("product=1060,1061&days=30&domainName=b.example")).toEqual(["-54", "The order can have one main license only!"]);
    expect((await aao("product=1072&days=365&domainName=b.example"))[0]).toBe("-124");
    expect(await aao("product=1071&days=365&domainName=b.example")).toEqual(["-128", "You can not buy the addon."]);
    expect((await aao("product=1059,1071&days=365&domainName=b.example"))[0]).toBe("-128");
  });

  it("-121 lower-tier add-on for the product", async () => {
    expect(await aao("product=1061,1068&days=365&domainName=c.example")).toEqual(["-121", "You cannot buy a lower tier add-on for this product"]);
  });

  it("-115 no price for the term; SiteLock 911 is ordered without days", async () => {
    expect((await aao("product=1059&days=30&domainName=d.example"))).toEqual(["-115", "No price found for product 1059"]);
    expect((await aao("product=1082&days=365&domainName=d.example"))[0]).toBe("-115");
    const ok = await h.lines("!AutoApplyOrder", "loginName=checker&loginPassword=pw&appRepEmailAddress=o@d911.example&product=1082&domainName=d911.example");
    expect(ok[0]).toBe("0");
    expect(ok[2]).toBe("249.00");
    expect((await aao("product=1060&domainName=d2.example"))[1]).toBe("The 'days' argument is missing!");
  });

  it("-122 domain or account already exists", async () => {
    await orderLicense(h, "checker", "product=1060&days=30&domainName=e.example&appRepEmailAddress=first@e.example");
    expect((await h.lines("!AutoApplyOrder", "loginName=checker&loginPassword=pw&product=1060&days=30&domainName=e.example&appRepEmailAddress=second@e.example"))[0]).toBe("-122");
    expect((await h.lines("!AutoApplyOrder", "loginName=checker&loginPassword=pw&product=1060&days=30&domainName=e2.example&appRepEmailAddress=first@e.example"))[0]).toBe("-122");
  });

  it("SSL order: disableSiteLock=Y gives no bundle; certificate fields on request", async () => {
    const res = await h.form(
      "!AutoApplyOrder",
      "loginName=checker&loginPassword=pw&responseFormat=1&product=289&days=365&domainName=*.wild.example&appRepEmailAddress=o@wild.example&showCertificateID=Y&showCertificateState=Y",
    );
    expect(res.get("errorCode")).toBe("0");
    expect(res.get("certificateID")).toMatch(/^\d{8}$/);
    expect(res.get("slSiteID")).toBeTruthy();
    const bundle = await h.admin<{ licenses: Array<{ productCode: number }> }>("GET", "licenses?domainName=wild.example");
    expect(bundle.licenses.map((l) => l.productCode)).toEqual([1072]);
    const plain = await h.form("!AutoApplyOrder", "loginName=checker&loginPassword=pw&responseFormat=1&product=287&days=365&domainName=plain.example&appRepEmailAddress=o@plain.example&disableSiteLock=Y");
    expect(plain.get("errorCode")).toBe("0");
    expect(plain.has("slSiteID")).toBe(false);
  });
});
