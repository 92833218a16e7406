/** !PlaceOrder for non-SiteLock catalog products: the documented error codes of their own rules, funds, records. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventedPrice, placeOrderRow } from "@/tools/sandbox/core/catalog";
import { EC256W, RSA1024, RSA2048, RSA2048W, RSA3072 } from "../fixtures/csrs";
import { harness, type Harness } from "./helpers";

let h: Harness;
beforeAll(async () => {
  h = await harness();
  await h.account("catalog", { funds: 10_000, siteLockEnabled: false });
});
afterAll(() => h.close());

const login = "loginName=catalog&loginPassword=pw&ap=brand";
let n = 0;
const email = () => `emailAddress=c${++n}%40cat.example`;
const place = (fields: string) => h.form("!PlaceOrder", `${login}&${email()}&${fields}`);
const csr = (pem: string) => encodeURIComponent(pem);
const answer = (r: URLSearchParams) => [r.get("errorCode"), r.get("errorItem")];
const ADDRESS = "organizationName=Acme&streetAddress1=1+Main+St&localityName=Leeds&postalCode=LS1&countryName=GB";

describe("non-SiteLock PlaceOrder items", () => {
  it("SSL DV: ordered with its CSR on an account without SiteLock; CSR checks -4 / -13 / wildcard", async () => {
    expect(answer(await place(`reseller=N&1_PPP=9401&1_csr=${csr(RSA2048)}`))).toEqual(["0", null]);
    expect(answer(await place("reseller=N&1_PPP=9401"))).toEqual(["-3", "1_csr"]);
    expect(answer(await place("reseller=N&1_PPP=9401&1_csr=hello"))).toEqual(["-4", "1_csr"]);
    expect(answer(await place(`reseller=N&1_PPP=9401&1_csr=${csr(RSA1024)}`))).toEqual(["-13", "1_csr"]);
    expect(answer(await place(`reseller=N&1_PPP=9401&1_csr=${csr(RSA2048W)}`))).toEqual(["-4", "1_csr"]);
    expect(answer(await place(`reseller=N&1_PPP=9402&1_csr=${csr(EC256W)}&1_dcvEmailAddress=HTTPCSRHASH`))).toEqual(["-126", "1_dcvEmailAddress"]);
    expect(answer(await place(`reseller=N&1_PPP=9401&1_csr=${csr(RSA2048)}&1_MACAddress=00:11:22:33:44:55`))).toEqual(["-83", "1_MACAddress"]);
    expect(answer(await place(`reseller=N&1_PPP=9401&1_csr=${csr(RSA2048)}&domainName=x.example`))).toEqual(["-83", "domainName"]);
    expect(answer(await place(`reseller=N&1_PPP=9401&1_csr=${csr(RSA2048)}&joiCountryName=GB`))).toEqual(["-83", "joiCountryName"]);
  });

  it("address products: -3 on the first missing company field, locality or state (-3 localityName)", async () => {
    const base = `reseller=N&1_PPP=1511&1_csr=${csr(RSA3072)}`;
    expect(answer(await place(`${base}&${ADDRESS}`))).toEqual(["0", null]);
    expect(answer(await place(`${base}&${ADDRESS.replace("organizationName=Acme&", "")}`))).toEqual(["-3", "organizationName"]);
    expect(answer(await place(`${base}&${ADDRESS.replace("localityName=Leeds&", "")}`))).toEqual(["-3", "localityName"]);
    expect(answer(await place(`reseller=N&1_PPP=1511&1_csr=${csr(RSA2048)}&${ADDRESS}`))).toEqual(["-13", "1_csr"]);
  });

  it("eToken products need the eToken and a shipping item (-39); PSD2 roles (-120) and the NCA in the identifier (-4)", async () => {
    const ev = `reseller=N&1_PPP=1535&${ADDRESS}`;
    expect(answer(await place(ev))).toEqual(["-39", null]);
    expect(answer(await place(`${ev}&2_PPP=495&3_PPP=497`))).toEqual(["0", null]);
    const psd2 = `reseller=N&1_PPP=6601&1_csr=${csr(RSA2048)}&${ADDRESS}&organizationIdentifier=PSDFI-FINFSA-1234567-8&ncaIdentifier=FI-FINFSA`;
    const roles = "accountServicingRole=Y&paymentInitiationRole=N&accountInformationRole=N&paymentServiceRole=N";
    expect(answer(await place(`${psd2}&${roles}`))).toEqual(["0", null]);
    expect((await place(psd2)).get("errorCode")).toBe("-120");
    expect((await place(`${psd2}&${roles.replace("=Y", "=N")}`)).get("errorCode")).toBe("-120");
    expect(answer(await place(`${psd2.replace("FI-FINFSA", "DE-BAFIN")}&${roles}`))).toEqual(["-4", "organizationIdentifier"]);
  });

  it("IP packs carry their number of IP addresses (-3, -61); companions ride with their code only (-65)", async () => {
    const hg = `reseller=N&${ADDRESS}&foreName=Ann&surName=Lee`;
    expect(answer(await place(`${hg}&1_PPP=3483&1_IP%20Addresses=5`))).toEqual(["0", null]);
    expect(answer(await place(`${hg}&1_PPP=3483`))).toEqual(["-3", "1_IP Addresses"]);
    expect((await place(`${hg}&1_PPP=3483&1_IP%20Addresses=6`)).get("errorCode")).toBe("-61");
    expect(answer(await place(`${hg}&1_PPP=3461&2_PPP=3450&2_visibility=0`))).toEqual(["0", null]);
    expect(answer(await place(`${hg}&1_PPP=5100&2_PPP=3450&2_visibility=0`))).toEqual(["-65", "2_PPP"]);
  });

  it("reseller=Y: awaiting until AutoAuthorize debits the invented price; WebHostReport shows name, PPP, CN and certificate ID", async () => {
    const before = await h.funds("catalog");
    const placed = await place(`reseller=Y&1_PPP=9406&1_csr=${csr(RSA2048)}`);
    const orderNumber = placed.get("orderNumber") ?? "";
    expect(placed.get("errorCode")).toBe("0");
    const report = await h.form("!WebHostReport", `loginName=catalog&loginPassword=pw&orderNumber=${orderNumber}&showCertificateID=Y`);
    expect(report.get("1_orderStatus")).toBe("awaiting");
    expect([report.get("1_1_type"), report.get("1_1_productID"), report.get("1_1_domain")]).toEqual(["SectigoSSL Pro DV", "9406", "www.example.com"]);
    expect(report.get("1_1_certificateID")).toMatch(/^\d{9}$/);
    expect(await h.funds("catalog")).toBe(before);
    // A certificate is not a SiteLock license: no SiteLock user and site lines in the answer.
    expect(await h.lines("!AutoAuthorize", `loginName=catalog&loginPassword=pw&orderNumber=${orderNumber}`)).toEqual(["0"]);
    const row = placeOrderRow(9406)!;
    const price = inventedPrice(row.product, row.ppp, row.days);
    expect(price).toBe(114); // SectigoSSL 60/year, 2 years, 5 % off the second
    expect(await h.funds("catalog")).toBeCloseTo(before - price, 2);
  });
});
