/**
 * Concurrent requests stay correct (issue 7 item 5): unique order numbers, funds debited exactly once
 * per order and never past the credit limit, and two identical requests at once give one order and
 * one refusal. Every case fires its requests together (Promise.all over real HTTP), in memory and
 * with a data dir (persistence on, as `npm start` runs it).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, harness, T0, type Harness, type OrderView } from "./helpers";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-concurrency-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const order = (h: Harness, login: string, fields: string) =>
  h.form("!AutoApplyOrder", `loginName=${login}&loginPassword=pw&responseFormat=1&enableAutoRenew=N&${fields}`);
const cents = (amount: number) => Math.round(amount * 100);
/** The account's orders as the admin API lists them (what "Sectigo" holds). */
const ordersOf = async (h: Harness, login: string) => (await h.admin<{ orders: OrderView[] }>("GET", `orders?loginName=${login}`)).orders;

describe.each([
  ["in memory", undefined],
  ["with a data dir", path.join(dir, "world")],
])("concurrent requests (%s)", (_label, dataDir) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ dataDir });
  });
  afterAll(() => h.close());

  it("N new orders at once get unique order numbers and are each debited once", async () => {
    await h.account("burst", { funds: 100_000 });
    // Mixed prices, so a double or a missed debit cannot hide behind a multiple of one price.
    const products = ["1060", "1061,1071", "1062,1070", "1060,1069,1078"];
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        order(h, "burst", `product=${products[i % products.length]}&days=365&domainName=b${i}.burst.example&appRepEmailAddress=o@b${i}.burst.example&foreignOrderNumber=OD-B-${i}`),
      ),
    );
    expect(answers.map((a) => a.get("errorCode"))).toEqual(Array(40).fill("0"));
    const numbers = answers.map((a) => a.get("orderNumber"));
    expect(new Set(numbers).size).toBe(40);

    const charged = answers.reduce((sum, a) => sum + cents(Number(a.get("totalCost"))), 0);
    expect(charged).toBeGreaterThan(0);
    expect(cents(await h.funds("burst"))).toBe(cents(100_000) - charged);
    const held = await ordersOf(h, "burst");
    expect(held.map((v) => v.order.orderNumber).sort()).toEqual([...numbers].sort());
    expect(held.reduce((sum, v) => sum + cents(v.order.totalCost), 0)).toBe(charged);
    const balance = await h.form("!getAccountBalance", "loginName=burst&loginPassword=pw&responseFormat=1");
    expect(cents(Number(balance.get("balance")))).toBe(cents(100_000) - charged);
  });

  it("funds for k orders and k + 5 at once: exactly k succeed, the rest get -15, funds end at 0", async () => {
    const k = 6;
    await h.account("tight", { funds: (k * cents(99.99)) / 100, creditLimit: 0 });
    const answers = await Promise.all(
      Array.from({ length: k + 5 }, (_, i) => order(h, "tight", `product=1060&days=365&domainName=t${i}.tight.example&appRepEmailAddress=o@t${i}.tight.example`)),
    );
    const codes = answers.map((a) => a.get("errorCode"));
    expect(codes.filter((c) => c === "0")).toHaveLength(k);
    expect(codes.filter((c) => c === "-15")).toHaveLength(5);
    expect(await h.funds("tight")).toBe(0);
    expect(await ordersOf(h, "tight")).toHaveLength(k);
  });

  // Which refusal the second identical request gets: -122 "Such domain or account already exists!"
  // (auto-apply-order-sitelock.md: duplicate domain or customer e-mail). The sandbox keeps no
  // uniqueness on foreignOrderNumber (Sectigo documents none), so the domain or e-mail decides.
  it.each([
    ["the same request twice (domain, e-mail, foreignOrderNumber)", ["d1.twin.example", "o@d1.twin.example"], ["d1.twin.example", "o@d1.twin.example"]],
    ["the same domain for two new customers", ["d2.twin.example", "a@d2.twin.example"], ["d2.twin.example", "b@d2.twin.example"]],
    ["the same customer e-mail on two new domains", ["d3.twin.example", "o@d3.twin.example"], ["d4.twin.example", "o@d3.twin.example"]],
  ])("%s at once: one order, one -122, one debit", async (label, [domainA, emailA], [domainB, emailB]) => {
    const login = `twin-${label.length}`;
    await h.account(login, { funds: 1000 });
    const fon = `OD-TWIN-${label.length}`;
    const answers = await Promise.all([
      order(h, login, `product=1060&days=365&domainName=${domainA}&appRepEmailAddress=${emailA}&foreignOrderNumber=${fon}`),
      order(h, login, `product=1060&days=365&domainName=${domainB}&appRepEmailAddress=${emailB}&foreignOrderNumber=${fon}`),
    ]);
    expect(answers.map((a) => a.get("errorCode")).sort()).toEqual(["-122", "0"]);
    const held = (await h.admin<{ orders: OrderView[] }>("GET", `orders?foreignOrderNumber=${fon}`)).orders;
    expect(held.map((v) => v.order.orderNumber)).toEqual([answers.find((a) => a.get("errorCode") === "0")?.get("orderNumber")]);
    expect(await h.funds(login)).toBeCloseTo(1000 - 99.99, 2);
  });

  it.each([
    ["renewal", "product=1060&days=365", -15 * DAY],
    ["add-on purchase", "product=1071&days=365", -200 * DAY],
  ])("two identical %ss of one license at once: one order, one -121, one debit", async (kind, fields, beforeExpiry) => {
    const login = `again-${kind.length}`;
    await h.account(login, { funds: 1000 });
    await h.setClock(T0);
    const domain = `${kind.length}.again.example`;
    const first = await order(h, login, `product=1060&days=365&domainName=${domain}&appRepEmailAddress=o@${domain}`);
    expect(first.get("errorCode")).toBe("0");
    await h.setClock(new Date(T0.getTime() + 365 * DAY + beforeExpiry));
    const before = await h.funds(login);
    const again = `${fields}&previousOrderNumber=${first.get("orderNumber")}&domainName=${domain}`;
    const answers = await Promise.all([order(h, login, again), order(h, login, again)]);
    expect(answers.map((a) => a.get("errorCode")).sort()).toEqual(["-121", "0"]);
    const done = answers.find((a) => a.get("errorCode") === "0");
    expect(cents(await h.funds(login))).toBe(cents(before) - cents(Number(done?.get("totalCost"))));
    expect(await ordersOf(h, login)).toHaveLength(2);
  });
});
