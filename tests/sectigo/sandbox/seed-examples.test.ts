/**
 * Every example request of seeds 001–004 over raw HTTP. Placeholder order numbers (3034881 ...) are
 * replaced by real ones from this sandbox; "[email protected]" (Cloudflare obfuscation in the scrape)
 * by a real address. Accounts named as in the examples are created through the admin API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, harness, T0, type Harness, type OrderView } from "./helpers";

let h: Harness;
const reseller = "loginName=sectigo_reseller&loginPassword=reseller_sectigo";

beforeAll(async () => {
  h = await harness();
  await h.admin("POST", "accounts", { loginName: "sectigo_reseller", loginPassword: "reseller_sectigo", funds: 5000 });
});
afterAll(() => h.close());

describe("seed 001 — AutoApplyOrder for SiteLock", () => {
  let monitorOrder = "";

  it("new customer: the full example answers 0 with order number, amount, delivery and IDs", async () => {
    const body = [
      reseller, "product=1059", "days=365", "domainName=mydomain.com", "appRepEmailAddress=jane@mydomain.com",
      "organizationName=myOrganization", "streetAddress1=Homestead St", "stateOrProvinceName=Kansas", "postalCode=67202",
      "countryName=US", "appRepForename=John", "appRepSurname=Doe", "appRepLoginName=Jane", "appRepLoginPassword=Doe",
    ].join("&");
    const res = await h.post("!AutoApplyOrder?", body);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const lines = (await res.text()).trimEnd().split("\n");
    expect(lines[0]).toBe("0");
    expect(lines[1]).toMatch(/^\d+$/);
    expect(lines[2]).toBe("0.00"); // SiteLock Monitor is free
    expect(lines[3]).toBe("1");
    expect(lines[4]).toMatch(/^[A-Za-z0-9]{1,20}$/);
    expect(lines[7]).toMatch(/^\d+$/); // SiteLock user ID on line 8
    expect(lines[8]).toBeTruthy(); // SiteLock site ID on line 9
    monitorOrder = lines[1] ?? "";
  });

  it("SSL PLUS SiteLock Bundle with an SSL product and CSR fields", async () => {
    const body = [
      reseller, "product=287", "days=365", "domainName=mydomain.com", "appRepEmailAddress=jane@mydomain.com",
      "serverSoftware=-1", "organizationName=myOrganizaton", "localityName=Wichita", "stateOrProvinceName=Kansas",
      "countryName=US", "isCustomerValidated=N", "csr=my_base64_encoded_csr", "prioritiseCSRValues=Y",
    ].join("&");
    const lines = await h.lines("!AutoApplyOrder?", body);
    expect(lines[0]).toBe("0");
    const view = await h.admin<OrderView>("GET", `orders/${lines[1]}`);
    expect(view.licenses.map((l) => l.productCode).sort((a, b) => a - b)).toEqual([287, 1072]);
  });

  it("new order for an existing customer: previousOrderNumber + a new domain", async () => {
    const body = `${reseller}&product=1059&days=365&domainName=second-site.com&appRepEmailAddress=jane@mydomain.com&previousOrderNumber=${monitorOrder}`;
    const lines = await h.lines("!AutoApplyOrder?", body);
    expect(lines[0]).toBe("0");
    const view = await h.admin<OrderView>("GET", `orders/${lines[1]}`);
    expect(view.order.kind).toBe("new-domain");
  });

  it("add-on for an existing product (1071 on a Basic license)", async () => {
    const basic = await h.lines("!AutoApplyOrder", `${reseller}&product=1060&days=365&domainName=shop.com&appRepEmailAddress=owner@shop.com`);
    expect(basic[0]).toBe("0");
    const body = `${reseller}&product=1071&days=365&domainName=shop.com&appRepEmailAddress=owner@shop.com&previousOrderNumber=${basic[1]}`;
    const lines = await h.lines("!AutoApplyOrder?", body);
    expect(lines[0]).toBe("0");
    expect(lines[2]).toBe("99.99");
  });

  it("new order without enableAutoRenew takes the account's auto-renew setting", async () => {
    await h.admin("POST", "accounts", { loginName: "sectigo_reseller", loginPassword: "reseller_sectigo", funds: 5000, autoRenewDefault: true });
    const body = `${reseller}&product=1059&days=365&domainName=fresh-domain.com&appRepEmailAddress=new@fresh-domain.com`;
    const lines = await h.lines("!AutoApplyOrder?", body);
    expect(lines[0]).toBe("0");
    const view = await h.admin<OrderView>("GET", `orders/${lines[1]}`);
    expect(view.licenses[0]?.autoRenew).toBe(true);
  });
});

describe("seed 004 — renewal", () => {
  it("renews inside the 30-day window with previousOrderNumber, same domain and product", async () => {
    const first = await h.lines("!AutoApplyOrder", `${reseller}&product=1059&days=365&domainName=renew-me.com&appRepEmailAddress=r@renew-me.com`);
    await h.setClock(new Date(T0.getTime() + 350 * DAY));
    const body = `${reseller}&product=1059&days=365&domainName=renew-me.com&appRepEmailAddress=r@renew-me.com&previousOrderNumber=${first[1]}`;
    const lines = await h.lines("!AutoApplyOrder?", body);
    expect(lines[0]).toBe("0");
    await h.setClock(T0);
  });
});

describe("seeds 002/003 — PlaceOrder", () => {
  beforeAll(async () => {
    await h.admin("POST", "accounts", { loginName: "login_name", loginPassword: "login_password", funds: 1000 });
  });

  it("sample POST (--data-urlencode) answers url-encoded with an order number", async () => {
    const body = [
      "loginName=login_name", "loginPassword=login_password", "isReturningCustomer=N", "ap=reseller_brand_name", "reseller=Y",
      "_1_PPP=10052", "emailAddress=abc%40abc-company.example", "organizationName=ABC+Company+3443695",
      "stateOrProvinceName=California", "countryName=US", "streetAddress1=Elm+Street+12", "1_showCollectionCode=Y",
      "1_domainName=domain.name",
    ].join("&");
    const res = await h.post("!PlaceOrder", body);
    expect(res.headers.get("content-type")).toContain("application/x-www-form-urlencoded");
    const fields = new URLSearchParams(await res.text());
    expect(fields.get("errorCode")).toBe("0");
    expect(fields.get("orderNumber")).toMatch(/^\d+$/);
    const view = await h.admin<OrderView>("GET", `orders/${fields.get("orderNumber")}`);
    expect(view.order.status).toBe("awaiting"); // reseller=Y waits for AutoAuthorize
  });

  it("ordering URL (GET, repeated name) places the order", async () => {
    await h.admin("POST", "accounts", { loginName: "login_name", loginPassword: "loginpassword", funds: 1000 });
    const query =
      "ap=resellerbrand&reseller=y&emailAddress=fred@bloggs.example&name=Fred+Bloggs&1_PPP=10052&loginName=login_name&loginPassword=loginpassword&name=Fred&domainName=domain2.name";
    const res = await fetch(`${h.url}/products/!PlaceOrder?${query}`);
    const fields = new URLSearchParams(await res.text());
    expect(fields.get("errorCode")).toBe("0");
    expect(fields.get("orderNumber")).toMatch(/^\d+$/);
  });

  it("HTML form example without login details redirects to errorURL with the error", async () => {
    const body = [
      "ap=myresellerbrand", "reseller=y", "errorURL=http%3A%2F%2Fwww.mydomain.com%2Ferror_page.html",
      "successURL=http%3A%2F%2Fwww.mydomain.com%2Fsuccess_page.html", "emailAddress=fred%40bloggs.example", "name=Fred",
      "organizationName=Fred+Ltd", "1_PPP=10082", "1_MACAddress=00%3A11%3A22%3A33%3A44%3A55",
    ].join("&");
    // fetch follows redirects by default; ask for the raw 302 instead.
    const raw = await fetch(`${h.url}/products/!PlaceOrder`, {
      method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body,
    });
    expect(raw.status).toBe(302);
    const location = new URL(raw.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe("http://www.mydomain.com/error_page.html");
    expect(location.searchParams.get("errorCode")).toBe("-3");
    expect(location.searchParams.get("errorItem")).toBe("loginName");
  });

  it("seed 003 URL examples (non-SiteLock products) are refused with the documented codes", async () => {
    const free = await fetch(`${h.url}/products/!placeOrder?ap=myresellerbrand&reseller=y&emailAddress=fred@bloggs.com&name=Fred+Bloggs&1_PPP=180`);
    expect(new URLSearchParams(await free.text()).get("errorCode")).toBe("-3");
    await h.admin("POST", "accounts", { loginName: "fredbloggs", loginPassword: "somethinghardtoguess", funds: 0 });
    const hg = await fetch(`${h.url}/products/!placeOrder?ap=myresellerbrand&reseller=y&emailAddress=fred@bloggs.com&1_PPP=3411&loginName=fredbloggs&loginPassword=somethinghardtoguess`);
    const fields = new URLSearchParams(await hg.text());
    expect(fields.get("errorCode")).toBe("-65");
    expect(fields.get("errorMessage")).toBe("PlanID for this product not found.");
  });

  it("sample error response: bad login is -16 with the seed's sentence", async () => {
    const fields = await h.form("!PlaceOrder", "loginName=login_name&loginPassword=wrong&ap=x&reseller=Y&1_PPP=10052&emailAddress=a%40b.example&domainName=x.example");
    expect(fields.get("errorCode")).toBe("-16");
    expect(fields.get("errorMessage")).toBe(
      "Incorrect login details, account is locked, password has expired or your source IP is blocked.",
    );
  });
});
