/** !WebHostReport: paging, numbered keys and filters (incl. foreignOrderNumber). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, harness, T0, type Harness } from "./helpers";

let h: Harness;
const orders: string[] = [];
const report = (extra = "") => h.form("!WebHostReport", `loginName=reporter&loginPassword=pw${extra}`);

beforeAll(async () => {
  h = await harness();
  await h.account("reporter");
  await h.account("other");
  for (let i = 1; i <= 5; i++) {
    await h.setClock(new Date(T0.getTime() + i * DAY));
    const res = await h.form(
      "!AutoApplyOrder",
      `loginName=reporter&loginPassword=pw&responseFormat=1&product=${i === 5 ? "1061,1069" : "1060"}&days=365&domainName=site${i}.example&appRepEmailAddress=o@site${i}.example&organizationName=Org+${i}&foreignOrderNumber=OD-${i}`,
    );
    orders.push(res.get("orderNumber") ?? "");
  }
  await h.lines("!AutoApplyOrder", "loginName=other&loginPassword=pw&product=1060&days=30&domainName=foreign.example&appRepEmailAddress=o@foreign.example");
});
afterAll(() => h.close());

describe("!WebHostReport", () => {
  it("lists only the account's orders with numbered keys", async () => {
    const res = await report("&showCost=Y");
    expect(res.get("errorCode")).toBe("0");
    expect(res.get("noOfResults")).toBe("5");
    expect(res.get("1_orderNumber")).toBe(orders[0]);
    expect(res.get("1_foreignOrderNumber")).toBe("OD-1");
    expect(res.get("1_cost")).toBe("99.99");
    expect(res.get("1_1_domain")).toBe("site1.example");
    expect(res.get("1_1_status")).toBe("active");
    expect(res.get("5_noOfItems")).toBe("2");
    expect(res.get("5_2_productID")).toBe("1069");
    expect(res.get("5_1_notAfter")).toBe(String((T0.getTime() + 5 * DAY + 365 * DAY) / 1000));
  });

  it("pages with firstResultNo / lastResultNo (1-based, inclusive)", async () => {
    const page = await report("&firstResultNo=2&lastResultNo=3");
    expect(page.get("noOfResults")).toBe("2");
    expect(page.get("1_orderNumber")).toBe(orders[1]);
    expect(page.get("2_orderNumber")).toBe(orders[2]);
    expect(page.has("3_orderNumber")).toBe(false);
    expect((await report("&firstResultNo=6")).get("noOfResults")).toBe("0");
    expect((await report("&firstResultNo=3&lastResultNo=2")).get("errorCode")).toBe("-4");
  });

  it("filters by foreignOrderNumber and repeated orderNumber lists", async () => {
    const byForeign = await report("&foreignOrderNumber=OD-2,OD-4");
    expect(byForeign.get("noOfResults")).toBe("2");
    expect([byForeign.get("1_foreignOrderNumber"), byForeign.get("2_foreignOrderNumber")]).toEqual(["OD-2", "OD-4"]);
    const byNumber = await report(`&orderNumber=${orders[0]}&orderNumber=${orders[3]},${orders[4]}`);
    expect(byNumber.get("noOfResults")).toBe("3");
  });

  it("filters by fqdn / organizationName wildcards, dates and status", async () => {
    expect((await report("&fqdn=site_.example")).get("noOfResults")).toBe("5");
    expect((await report("&fqdn=%253%25")).get("1_1_domain")).toBe("site3.example");
    expect((await report("&organizationName=org%25")).get("noOfResults")).toBe("5");
    const from = (T0.getTime() + 3 * DAY) / 1000;
    expect((await report(`&notBefore=${from}`)).get("noOfResults")).toBe("3");
    expect((await report(`&notAfter=${from}`)).get("noOfResults")).toBe("3");
    await h.form("!modifyThirdPartyDetails", `loginName=reporter&loginPassword=pw&orderNumber=${orders[1]}&product=1060&action=CANCELLICENCE`);
    const refunded = await report("&certificateStatusDesc=refunded");
    expect(refunded.get("noOfResults")).toBe("1");
    expect(refunded.get("1_orderNumber")).toBe(orders[1]);
  });

  it("rejects unknown parameters and bad logins", async () => {
    expect((await report("&pageSize=10")).get("errorCode")).toBe("-2");
    expect((await h.form("!WebHostReport", "loginName=reporter&loginPassword=nope")).get("errorCode")).toBe("-16");
  });
});
