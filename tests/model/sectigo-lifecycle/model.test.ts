// Unit tests of the Sectigo lifecycle model: each documented rule at its edges, numbers taken from the
// document named in the test, then properties over random command sequences (fast-check).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ADD_ONS, DAY, ORDER_DESK, PLANS, SECTIGO_READING, addOnUsable, initialState, priceKey, proRatedCharge, step,
  type Command, type Config, type OrderNumber, type Outcome, type State,
} from "./model";

const T0 = Date.UTC(2026, 0, 1);
const YEAR = 365 * DAY;
const PRICES = { [priceKey(1060, 365)]: 14900, [priceKey(1060, 30)]: 1500, [priceKey(1061, 365)]: 24900,
  [priceKey(1061, 30)]: 2500, [priceKey(1059, 365)]: 0, [priceKey(1062, 365)]: 49900, [priceKey(1062, 30)]: 4500 };

function run(state: State, cmd: Command, now = state.now) {
  return step(state, cmd, now);
}
function accepted(o: Outcome) {
  if (o.kind !== "accepted") throw new Error(`expected accepted, got ${JSON.stringify(o)}`);
  return o;
}
function at(state: State, now: number) {
  return run(state, { kind: "advanceClock", renewalPrices: PRICES }, now).state;
}
/** A funded account with one active Basic annual license bought at T0 for $149.00. */
function basic(opts: { days?: number; autoRenew?: boolean; config?: Config; balance?: number } = {}) {
  const days = opts.days ?? 365;
  const s0 = initialState({ now: T0, balance: opts.balance ?? 100_000, config: opts.config, firstOrder: 3034881 });
  const r = run(s0, { kind: "order", domain: "mydomain.com", product: 1060, days, autoRenew: opts.autoRenew ?? false,
    price: PRICES[priceKey(1060, days)]! });
  return { state: r.state, id: accepted(r.outcome).orderNumber! };
}

describe("Sectigo, AutoApplyOrder for SiteLock — new orders", () => {
  it("debits the price, returns a new order number and a term of `days` from now", () => {
    const { state, id } = basic();
    expect(id).toBe(3034881);
    expect(state.balance).toBe(100_000 - 14900);
    expect(state.licenses[id]).toMatchObject({ status: "active", expiresAt: T0 + YEAR, product: 1060 });
  });
  it("refuses the SSL PLUS SiteLock Bundle alone (-124), 30 days of the free Monitor (-115), a known domain (-122)", () => {
    const { state } = basic();
    const o = (c: Partial<Extract<Command, { kind: "order" }>>) =>
      run(state, { kind: "order", domain: "other.com", product: 1060, days: 365, autoRenew: true, price: 100, ...c }).outcome;
    expect(o({ product: 1072 })).toMatchObject({ kind: "refused", code: -124 });
    expect(o({ product: 1059, days: 30 })).toMatchObject({ kind: "refused", code: -115 });
    expect(o({ days: 90 })).toMatchObject({ kind: "refused", code: -115 });
    expect(o({ domain: "mydomain.com" })).toMatchObject({ kind: "refused", code: -122 });
    expect(o({ product: 1059, price: 0 })).toMatchObject({ kind: "accepted" });
  });
  it("a domain whose license has ended: a new order for it is undocumented (Placing a new order for an existing customer wants a new domain)", () => {
    const { state, id } = basic();
    const cancelled = run(state, { kind: "cancel", license: id }).state;
    const again = run(cancelled, { kind: "order", domain: "mydomain.com", product: 1060, days: 365, autoRenew: false, price: 1 });
    expect(again.outcome.kind).toBe("undocumented");
  });
  it("account balance: the balance may go down to minus the hard credit limit, not below (-15)", () => {
    const s = initialState({ now: T0, balance: 1000, creditLimit: 13900 });
    const order = (domain: string) => ({ kind: "order", domain, product: 1060, days: 365, autoRenew: false, price: 14900 } as const);
    const ok = run(s, order("a.com"));
    expect(ok.state.balance).toBe(-13900);
    expect(run(ok.state, order("b.com")).outcome).toMatchObject({ kind: "refused", code: -15 });
  });
});

describe("Sectigo, Renewing product licenses — the 30-day renewal period", () => {
  it("accepts a renewal 30 days before expiry, refuses it 31 days before (-121)", () => {
    const { state, id } = basic();
    const cmd: Command = { kind: "renew", license: id, days: 365, price: 14900 };
    expect(run(at(state, T0 + YEAR - 31 * DAY), cmd).outcome).toMatchObject({ kind: "refused", code: -121 });
    const r = run(at(state, T0 + YEAR - 30 * DAY), cmd);
    const o = accepted(r.outcome);
    expect(o.orderNumber).toBe(id + 1);
    expect(o.debited).toBe(14900);
    // Reading (README): the new term follows the old one, no days lost.
    expect(o.expiresAt).toBe(T0 + 2 * YEAR);
  });
  it("accepts on the last millisecond before expiry; after expiry the license has expired and renewal is refused", () => {
    const { state, id } = basic();
    const cmd: Command = { kind: "renew", license: id, days: 365, price: 14900 };
    expect(run(at(state, T0 + YEAR - 1), cmd).outcome.kind).toBe("accepted");
    const after = at(state, T0 + YEAR);
    expect(after.licenses[id]!.status).toBe("expired");
    expect(run(after, cmd).outcome).toMatchObject({ kind: "refused", code: -121 });
  });
  it("may change the term at renewal (days 30 or 365), not to another value (-115)", () => {
    const { state, id } = basic();
    const s = at(state, T0 + YEAR - DAY);
    expect(accepted(run(s, { kind: "renew", license: id, days: 30, price: 1500 }).outcome).expiresAt).toBe(T0 + YEAR + 30 * DAY);
    expect(run(s, { kind: "renew", license: id, days: 60, price: 1500 }).outcome).toMatchObject({ code: -115 });
  });
  it("APP DECISION: Order Desk refuses a manual renewal while auto-renew is on; Sectigo's reading accepts it", () => {
    const cmd = (id: OrderNumber): Command => ({ kind: "renew", license: id, days: 365, price: 14900 });
    const app = basic({ autoRenew: true, config: ORDER_DESK });
    expect(run(at(app.state, T0 + YEAR - DAY), cmd(app.id)).outcome).toMatchObject({ kind: "refused", category: "app:auto-renew-on" });
    const sectigo = basic({ autoRenew: true, config: SECTIGO_READING });
    expect(run(at(sectigo.state, T0 + YEAR - DAY), cmd(sectigo.id)).outcome.kind).toBe("accepted");
  });
});

describe("Sectigo, Renewing product licenses — auto-renewal at expiry (requires sufficient account funds)", () => {
  it("renews at expiry with a new order number and a new term, debiting the price", () => {
    const { state, id } = basic({ autoRenew: true });
    const r = run(state, { kind: "advanceClock", renewalPrices: PRICES }, T0 + YEAR);
    expect(accepted(r.outcome).events).toEqual([
      { kind: "auto-renewed", license: id, orderNumber: id + 1, expiresAt: T0 + 2 * YEAR, debited: 14900 },
    ]);
    expect(r.state.balance).toBe(100_000 - 2 * 14900);
    // Sectigo, Cancelling orders: "the refund period resets after a licence renewal" (from the renewal).
    expect(r.state.licenses[id]!.refundPeriodStart).toBe(T0 + YEAR);
  });
  it("does not renew a millisecond before expiry", () => {
    const { state, id } = basic({ autoRenew: true });
    expect(at(state, T0 + YEAR - 1).licenses[id]).toMatchObject({ status: "active", expiresAt: T0 + YEAR });
  });
  it("without sufficient funds the license is not renewed and expires", () => {
    const { state, id } = basic({ autoRenew: true, balance: 14900 + 14899 });
    const r = run(state, { kind: "advanceClock", renewalPrices: PRICES }, T0 + YEAR);
    expect(accepted(r.outcome).events).toEqual([{ kind: "auto-renew-unfunded", license: id }, { kind: "expired", license: id }]);
    expect(r.state.balance).toBe(14899);
  });
  it("a long clock move renews a monthly license once per 30-day term, each its own order", () => {
    const { state, id } = basic({ days: 30, autoRenew: true });
    const r = run(state, { kind: "advanceClock", renewalPrices: PRICES }, T0 + 95 * DAY);
    const events = accepted(r.outcome).events;
    expect(events.map((e) => e.kind)).toEqual(["auto-renewed", "auto-renewed", "auto-renewed"]);
    expect(r.state.licenses[id]!.expiresAt).toBe(T0 + 120 * DAY);
    expect(r.state.licenses[id]!.orders).toEqual([id, id + 1, id + 2, id + 3]);
  });
  it("auto-renew switched off: the license expires at expiry", () => {
    const { state, id } = basic({ autoRenew: true });
    const off = run(state, { kind: "setAutoRenew", license: id, on: false });
    expect(accepted(off.outcome)).toMatchObject({ orderNumber: null, debited: 0 });
    expect(at(off.state, T0 + YEAR).licenses[id]!.status).toBe("expired");
  });
});

describe("Sectigo, Cancelling orders — AutoRefund and the 14-day refund period", () => {
  it("refunds an annual license on day 14, refuses on day 14 + 1 ms", () => {
    const { state, id } = basic();
    const last = run(at(state, T0 + 14 * DAY), { kind: "refund", license: id });
    expect(accepted(last.outcome).credited).toBe(14900);
    expect(last.state.licenses[id]!.status).toBe("refunded");
    expect(last.state.balance).toBe(100_000);
    expect(run(at(state, T0 + 14 * DAY + 1), { kind: "refund", license: id }).outcome)
      .toMatchObject({ kind: "refused", category: "refund-period-over" });
  });
  it("a monthly license has no refund period, even on its first day", () => {
    const { state, id } = basic({ days: 30 });
    expect(run(state, { kind: "refund", license: id }).outcome).toMatchObject({ kind: "refused", category: "not-refundable" });
  });
  it("the refund period starts again at a renewal, and gives back the renewal's price", () => {
    const { state, id } = basic();
    const renewed = run(at(state, T0 + YEAR - 10 * DAY), { kind: "renew", license: id, days: 365, price: 15900 }).state;
    const refund = run(at(renewed, T0 + YEAR + 4 * DAY), { kind: "refund", license: id });
    expect(accepted(refund.outcome).credited).toBe(15900);
  });
  it("refund cancels the add-ons too; a second refund is -18, a cancel after it -18", () => {
    const { state, id } = basic();
    const withAddOn = run(state, { kind: "orderAddOn", license: id, addOn: 1071, days: 365, price: 5000 }).state;
    const r = run(at(withAddOn, T0 + DAY), { kind: "refund", license: id });
    expect(accepted(r.outcome).credited).toBe(14900 + 5000);
    expect(r.state.licenses[id]!.addOns[0]!.status).toBe("refunded");
    expect(run(r.state, { kind: "refund", license: id }).outcome).toMatchObject({ code: -18 });
    expect(run(r.state, { kind: "cancel", license: id }).outcome).toMatchObject({ code: -18 });
  });
  it("AutoRefund of an add-on alone fails (add-ons are cancelled with modifyThirdPartyDetails)", () => {
    const { state, id } = basic();
    const s = run(state, { kind: "orderAddOn", license: id, addOn: 1071, days: 365, price: 5000 }).state;
    expect(run(s, { kind: "refund", license: id, addOn: 1071 }).outcome).toMatchObject({ kind: "refused", category: "add-on-only-refund" });
  });
});

describe("Sectigo, modifyThirdPartyDetails CANCELLICENCE — always cancel", () => {
  it("cancels inside the refund period with a refund, outside without one", () => {
    const { state, id } = basic();
    const inside = run(at(state, T0 + 14 * DAY), { kind: "cancel", license: id });
    expect(accepted(inside.outcome).credited).toBe(14900);
    const outside = run(at(state, T0 + 15 * DAY), { kind: "cancel", license: id });
    expect(accepted(outside.outcome).credited).toBe(0);
    expect(outside.state.licenses[id]!.status).toBe("cancelled");
    expect(run(outside.state, { kind: "cancel", license: id }).outcome).toMatchObject({ code: -20 });
    expect(run(outside.state, { kind: "refund", license: id }).outcome).toMatchObject({ code: -20 });
  });
  it("cancelling a base outside its period refunds an add-on still inside its own (each license has its period)", () => {
    const { state, id } = basic();
    const s = run(at(state, T0 + 300 * DAY), { kind: "orderAddOn", license: id, addOn: 1076, days: 365, price: 6999 }).state;
    const r = run(at(s, T0 + 314 * DAY), { kind: "cancel", license: id });
    expect(accepted(r.outcome).credited).toBe(6999);
    expect(r.state.licenses[id]!.status).toBe("cancelled");
    expect(r.state.licenses[id]!.addOns[0]!.status).toBe("refunded");
    expect(accepted(run(at(s, T0 + 314 * DAY + 1), { kind: "cancel", license: id }).outcome).credited).toBe(0);
  });
  it("cancels a monthly license on its first day, without a refund", () => {
    const { state, id } = basic({ days: 30 });
    expect(accepted(run(state, { kind: "cancel", license: id }).outcome).credited).toBe(0);
  });
  it("cancels one add-on alone, refunding it inside its own period", () => {
    const { state, id } = basic();
    const s = run(at(state, T0 + 100 * DAY), { kind: "orderAddOn", license: id, addOn: 1069, days: 365, price: 3000 }).state;
    const r = run(s, { kind: "cancel", license: id, addOn: 1069 });
    expect(accepted(r.outcome).credited).toBe(3000);
    expect(r.state.licenses[id]!.status).toBe("active");
  });
});

describe("Sectigo, AutoApplyOrder for SiteLock — add-ons (SRA overview: possible add-ons per plan)", () => {
  it("Basic takes the 5 GB backup; Pro refuses it as a lower tier add-on (-121); the free Monitor takes none", () => {
    const { state, id } = basic();
    expect(run(state, { kind: "orderAddOn", license: id, addOn: 1068, days: 365, price: 1000 }).outcome.kind).toBe("accepted");
    const pro = run(state, { kind: "order", domain: "pro.com", product: 1061, days: 365, autoRenew: false, price: 24900 });
    const proId = accepted(pro.outcome).orderNumber!;
    expect(run(pro.state, { kind: "orderAddOn", license: proId, addOn: 1068, days: 365, price: 1000 }).outcome).toMatchObject({ code: -121 });
    expect(run(pro.state, { kind: "orderAddOn", license: proId, addOn: 1078, days: 365, price: 1000 }).outcome).toMatchObject({ code: -121 });
    const free = run(state, { kind: "order", domain: "free.com", product: 1059, days: 365, autoRenew: false, price: 0 });
    const freeId = accepted(free.outcome).orderNumber!;
    expect(run(free.state, { kind: "orderAddOn", license: freeId, addOn: 1071, days: 365, price: 1000 }).outcome).toMatchObject({ code: -121 });
  });
  it("Business's add-on row was not retrieved: undocumented", () => {
    const { state } = basic();
    const b = run(state, { kind: "order", domain: "biz.com", product: 1062, days: 365, autoRenew: false, price: 49900 });
    const o = run(b.state, { kind: "orderAddOn", license: accepted(b.outcome).orderNumber!, addOn: 1070, days: 365, price: 1 });
    expect(o.outcome.kind).toBe("undocumented");
  });
  it("an add-on has its own term and may outlive its license, unusable once the license has expired", () => {
    const { state, id } = basic();
    const s = run(at(state, T0 + 300 * DAY), { kind: "orderAddOn", license: id, addOn: 1071, days: 365, price: 5000 }).state;
    const addOn = s.licenses[id]!.addOns[0]!;
    expect(addOn.expiresAt).toBe(T0 + 665 * DAY);
    const later = at(s, T0 + YEAR);
    expect(later.licenses[id]!.status).toBe("expired");
    expect(addOnUsable(later.licenses[id]!, later.licenses[id]!.addOns[0]!)).toBe(false);
    expect(run(later, { kind: "orderAddOn", license: id, addOn: 1069, days: 365, price: 1 }).outcome)
      .toMatchObject({ kind: "refused", category: "add-on-needs-valid-license" });
  });
});

describe("Sectigo, Ordering products / Renewing product licenses — one product ID plus add-on IDs per call", () => {
  it("an order carrying an add-on: one order number, both for the same term, both prices debited", () => {
    const s = initialState({ now: T0, balance: 100_000 });
    const r = run(s, { kind: "order", domain: "a.com", product: 1061, days: 365, autoRenew: false, price: 24900,
      addOns: [{ code: 1071, price: 5000 }] });
    const o = accepted(r.outcome);
    expect(o.debited).toBe(29900);
    expect(r.state.licenses[o.orderNumber!]!.addOns).toEqual([
      { code: 1071, orderNumber: o.orderNumber, days: 365, status: "active", expiresAt: T0 + YEAR, periodStart: T0, paid: 5000 },
    ]);
    const lower = run(s, { kind: "order", domain: "a.com", product: 1061, days: 365, autoRenew: false, price: 1, addOns: [{ code: 1068, price: 1 }] });
    expect(lower.outcome).toMatchObject({ kind: "refused", code: -121 });
  });
  it("a renewal carrying an add-on inside its own window renews both; one outside its window makes it -121", () => {
    const { state, id } = basic();
    const together = run(state, { kind: "orderAddOn", license: id, addOn: 1071, days: 365, price: 5000 }).state;
    const s = at(together, T0 + YEAR - 30 * DAY);
    const r = run(s, { kind: "renew", license: id, days: 365, price: 14900, addOns: [{ code: 1071, price: 5000 }] });
    expect(accepted(r.outcome).debited).toBe(19900);
    expect(r.state.licenses[id]!.addOns[0]).toMatchObject({ expiresAt: T0 + 2 * YEAR, orderNumber: id + 2, periodStart: s.now });
    const later = run(at(state, T0 + DAY), { kind: "orderAddOn", license: id, addOn: 1071, days: 365, price: 5000 }).state;
    const out = run(at(later, T0 + YEAR - 30 * DAY), { kind: "renew", license: id, days: 365, price: 14900, addOns: [{ code: 1071, price: 5000 }] });
    expect(out.outcome).toMatchObject({ kind: "refused", code: -121 }); // its window opens a day later
  });
  it("an auto-renewal of a license with a live add-on is undocumented (are add-ons renewed along?)", () => {
    const { state, id } = basic({ autoRenew: true });
    const s = run(state, { kind: "orderAddOn", license: id, addOn: 1071, days: 365, price: 5000 }).state;
    expect(run(s, { kind: "advanceClock", renewalPrices: PRICES }, T0 + YEAR).outcome.kind).toBe("undocumented");
  });
});

describe("Sectigo, Upgrading or downgrading products — pro-rating", () => {
  it("the page's example: 1-year Basic $149 to Pro $249 after 6 months costs $50; expiry unchanged; new order", () => {
    expect(proRatedCharge(14900, 24900, YEAR / 2, 365)).toBe(5000);
    const { state, id } = basic();
    const r = run(at(state, T0 + YEAR / 2), { kind: "changePlan", license: id, product: 1061, oldPrice: 14900, newPrice: 24900 });
    expect(accepted(r.outcome)).toMatchObject({ debited: 5000, orderNumber: id + 1, expiresAt: T0 + YEAR });
    expect(r.state.licenses[id]).toMatchObject({ product: 1061, expiresAt: T0 + YEAR });
  });
  it("a downgrade credits the unused difference (reading), or is undocumented under the strict reading", () => {
    const { state, id } = basic();
    const pro = run(state, { kind: "changePlan", license: id, product: 1061, oldPrice: 14900, newPrice: 24900 }).state;
    const cmd: Command = { kind: "changePlan", license: id, product: 1060, oldPrice: 24900, newPrice: 14900 };
    expect(accepted(run(at(pro, T0 + YEAR / 2), cmd).outcome).credited).toBe(5000);
    const strict = { ...at(pro, T0 + YEAR / 2), config: { ...SECTIGO_READING, downgrade: "undocumented" as const } };
    expect(run(strict, cmd).outcome.kind).toBe("undocumented");
  });
  it("rounds a pro-rated charge to the cent", () => {
    expect(proRatedCharge(14900, 24900, DAY, 365)).toBe(27); // 10000 / 365 = 27.397...
    expect(proRatedCharge(24900, 14900, DAY, 365)).toBe(-27);
  });
});

describe("Sectigo, AutoAuthorize / AutoReject and PlaceOrder \"Authorizing orders\" (status 1 accounts)", () => {
  const pending = () => {
    const s = initialState({ now: T0, balance: 20_000, collectsPayment: true });
    const r = run(s, { kind: "order", domain: "a.com", product: 1060, days: 365, autoRenew: false, price: 14900 });
    return { state: r.state, outcome: accepted(r.outcome), id: accepted(r.outcome).orderNumber! };
  };
  it("an order answers status 1 with the amount required and debits nothing until it is authorized", () => {
    const { state, outcome, id } = pending();
    expect(outcome).toMatchObject({ status: 1, amountRequired: 14900, debited: 0 });
    expect(state.balance).toBe(20_000);
    const a = run(at(state, T0 + DAY), { kind: "authorize", license: id });
    expect(accepted(a.outcome)).toMatchObject({ debited: 14900, expiresAt: T0 + DAY + YEAR });
    expect(run(a.state, { kind: "authorize", license: id }).outcome).toMatchObject({ kind: "refused", category: "not-pending" });
  });
  it("a rejected order debits nothing and cannot be authorized afterwards (-20)", () => {
    const { state, id } = pending();
    const r = run(state, { kind: "reject", license: id });
    expect(r.state.licenses[id]!.status).toBe("rejected");
    expect(run(r.state, { kind: "authorize", license: id }).outcome).toMatchObject({ code: -20 });
  });
  it("an auto-renewal falling due on a status-1 account is undocumented (the clock move is not modelled)", () => {
    const s = initialState({ now: T0, balance: 20_000, collectsPayment: true });
    const o = run(s, { kind: "order", domain: "a.com", product: 1060, days: 30, autoRenew: true, price: 1500 });
    const id = accepted(o.outcome).orderNumber!;
    const active = run(o.state, { kind: "authorize", license: id }).state;
    expect(run(active, { kind: "advanceClock", renewalPrices: PRICES }, T0 + 30 * DAY - 1).outcome.kind).toBe("accepted");
    expect(run(active, { kind: "advanceClock", renewalPrices: PRICES }, T0 + 30 * DAY).outcome.kind).toBe("undocumented");
  });
  it("a pending order does not expire with the clock", () => {
    const { state, id } = pending();
    expect(at(state, T0 + 2 * YEAR).licenses[id]!.status).toBe("pending");
  });
});

// ---- properties over random sequences ----

const domainArb = fc.constantFrom("a.com", "b.com", "c.com", "d.com", "e.com");
const priceArb = fc.integer({ min: 0, max: 60_000 });
// A command names a license by its place among the licenses so far (resolved by `play`), so most
// commands reach one; 9 names a license that does not exist.
const idArb = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.constant(9) });
const addOnOfArb = fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...ADD_ONS) });
// Mostly short moves (inside refund and renewal windows), sometimes past an expiry.
const dtArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 20 * DAY }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 * DAY }) },
);
const orderArb = fc.record({ kind: fc.constant("order" as const), domain: domainArb,
  product: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...PLANS) }, { weight: 1, arbitrary: fc.constant(1072 as const) }),
  days: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(30, 365) }, { weight: 1, arbitrary: fc.constant(90) }),
  autoRenew: fc.boolean(), price: priceArb,
  addOns: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom(...ADD_ONS), { maxLength: 2 }).map((cs) => cs.map((code) => ({ code, price: 2000 }))) }) });
// The scenario's first orders are valid ones (each domain once), so the commands after them have licenses.
const firstOrderArb: fc.Arbitrary<Command> = fc.record({ kind: fc.constant("order" as const), domain: domainArb,
  product: fc.constantFrom(1060, 1061, 1062), days: fc.constantFrom(30, 365), autoRenew: fc.boolean(),
  price: fc.integer({ min: 0, max: 20_000 }) });
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  orderArb,
  // addOns: [] stands for "the license's live add-ons", filled in by `resolveLicense` (as the app sends them).
  fc.record({ kind: fc.constant("renew" as const), license: idArb, days: fc.constantFrom(30, 365), price: priceArb,
    addOns: fc.constantFrom(undefined, []) }),
  fc.record({ kind: fc.constant("setAutoRenew" as const), license: idArb, on: fc.boolean() }),
  fc.record({ kind: fc.constant("orderAddOn" as const), license: idArb, addOn: fc.constantFrom(...ADD_ONS),
    days: fc.constantFrom(30, 365), price: priceArb }),
  fc.record({ kind: fc.constant("changePlan" as const), license: idArb, product: fc.constantFrom(...PLANS), oldPrice: priceArb, newPrice: priceArb }),
  fc.record({ kind: fc.constant("cancel" as const), license: idArb, addOn: addOnOfArb }),
  fc.record({ kind: fc.constant("refund" as const), license: idArb, addOn: addOnOfArb }),
  fc.record({ kind: fc.constant("authorize" as const), license: idArb }),
  fc.record({ kind: fc.constant("reject" as const), license: idArb }),
);
type Scenario = { balance: number; creditLimit: number; collectsPayment: boolean; config: Config; steps: { cmd: Command; dt: number }[] };
const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  balance: fc.oneof(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 30_000, max: 300_000 })),
  creditLimit: fc.constantFrom(0, 0, 20_000),
  collectsPayment: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  config: fc.constantFrom(SECTIGO_READING, ORDER_DESK),
  steps: fc.tuple(
    fc.array(fc.record({ cmd: firstOrderArb, dt: fc.constant(0) }), { minLength: 1, maxLength: 3 }),
    fc.array(fc.record({ cmd: commandArb, dt: dtArb }), { minLength: 5, maxLength: 60 }),
  ).map(([orders, rest]) => [...orders, ...rest]),
});

function resolveLicense(state: State, cmd: Command): Command {
  if (!("license" in cmd)) return cmd;
  const ids = Object.keys(state.licenses).map(Number).sort((a, b) => a - b);
  const id = cmd.license === 9 || ids.length === 0 ? 999_999 : ids[cmd.license % ids.length]!;
  if (cmd.kind === "renew" && cmd.addOns?.length === 0) {
    const live = state.licenses[id]?.addOns.filter((a) => a.status === "active") ?? [];
    return { ...cmd, license: id, addOns: live.map((a) => ({ code: a.code, price: 2000 })) };
  }
  return { ...cmd, license: id };
}

/** Runs a scenario, moving the clock before a command when dt > 0, and hands every step to `check`. */
function play(s: Scenario, check: (before: State, cmd: Command, after: State, outcome: Outcome) => void) {
  let state = initialState({ now: T0, balance: s.balance, creditLimit: s.creditLimit, collectsPayment: s.collectsPayment, config: s.config });
  for (const { cmd, dt } of s.steps) {
    const moves: Command[] = dt > 0 ? [{ kind: "advanceClock", renewalPrices: PRICES }, cmd] : [cmd];
    for (const generated of moves) {
      const c = resolveLicense(state, generated);
      const now = c.kind === "advanceClock" ? state.now + dt : state.now;
      const r = step(state, c, now);
      check(state, c, r.state, r.outcome);
      state = r.state;
    }
  }
}

describe("model properties (fast-check)", () => {
  it("the sequences reach every command accepted, and refused both with Sectigo's code and without (else the properties prove little)", () => {
    const seen = new Map<string, number>();
    const count = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);
    fc.assert(fc.property(scenarioArb, (s) => play(s, (_b, cmd, _a, o) => {
      count(`${cmd.kind} ${o.kind}`);
      if (o.kind === "refused") count(o.code === null ? `refused ${o.category}` : `code ${o.code}`);
      if (o.kind === "accepted") o.events.forEach((e) => count(e.kind));
    })), { seed: 18, numRuns: 300 });
    const kinds = ["order", "renew", "setAutoRenew", "orderAddOn", "changePlan", "cancel", "refund", "authorize", "reject", "advanceClock"];
    for (const k of kinds) expect(seen.get(`${k} accepted`) ?? 0, k).toBeGreaterThanOrEqual(5);
    for (const c of [-4, -15, -18, -20, -115, -121, -122, -124]) expect(seen.get(`code ${c}`) ?? 0, String(c)).toBeGreaterThanOrEqual(5);
    for (const e of ["auto-renewed", "auto-renew-unfunded", "expired", "add-on-expired"]) expect(seen.get(e) ?? 0, e).toBeGreaterThanOrEqual(1);
    for (const r of ["refund-period-over", "not-refundable", "app:auto-renew-on", "not-pending"]) {
      expect(seen.get(`refused ${r}`) ?? 0, r).toBeGreaterThanOrEqual(1);
    }
  });
  it("a refused or undocumented command changes nothing at all (funds included)", () => {
    fc.assert(fc.property(scenarioArb, (s) => play(s, (before, _cmd, after, o) => {
      if (o.kind !== "accepted") expect(after).toBe(before);
    })), { seed: 18, numRuns: 300 });
  });
  it("funds move by exactly what each accepted outcome says it debited and credited", () => {
    fc.assert(fc.property(scenarioArb, (s) => play(s, (before, _cmd, after, o) => {
      if (o.kind === "accepted") expect(after.balance).toBe(before.balance - o.debited + o.credited);
    })), { seed: 18, numRuns: 300 });
  });
  it("the balance never goes below minus the credit limit", () => {
    fc.assert(fc.property(scenarioArb, (s) => play(s, (_b, _c, after) => {
      expect(after.balance).toBeGreaterThanOrEqual(-after.creditLimit);
    })), { seed: 18, numRuns: 300 });
  });
  it("a cancelled, refunded or rejected license accepts nothing afterwards, and stays so", () => {
    fc.assert(fc.property(scenarioArb, (s) => play(s, (before, cmd, after, o) => {
      if (cmd.kind === "order" || cmd.kind === "advanceClock") return;
      const l = before.licenses[cmd.license];
      if (!l || !["cancelled", "refunded", "rejected"].includes(l.status)) return;
      expect(o.kind).toBe("refused");
      expect(after.licenses[cmd.license]!.status).toBe(l.status);
    })), { seed: 18, numRuns: 300 });
  });
  it("every order number is issued once, in increasing order, and only by an accepted outcome", () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const seen = new Set<number>();
      play(s, (before, _cmd, after, o) => {
        // An add-on bought with its license or renewed with it shares that call's order number.
        const issued = [...new Set(Object.values(after.licenses).flatMap((l) => [...l.orders, ...l.addOns.map((a) => a.orderNumber)]))]
          .filter((n) => !seen.has(n));
        issued.forEach((n) => seen.add(n));
        if (o.kind !== "accepted") expect(issued).toEqual([]);
        expect(issued.every((n) => n >= before.nextOrder && n < after.nextOrder)).toBe(true);
        expect(issued.length).toBe(after.nextOrder - before.nextOrder);
      });
    }), { seed: 18, numRuns: 300 });
  });
  it("an active license's expiry never moves back; a plan change never moves it", () => {
    fc.assert(fc.property(scenarioArb, (s) => play(s, (before, cmd, after) => {
      for (const l of Object.values(before.licenses)) {
        const a = after.licenses[l.id]!;
        if (l.expiresAt !== null && a.expiresAt !== null) expect(a.expiresAt).toBeGreaterThanOrEqual(l.expiresAt);
        if (cmd.kind === "changePlan" && cmd.license === l.id) expect(a.expiresAt).toBe(l.expiresAt);
      }
    })), { seed: 18, numRuns: 300 });
  });
});
