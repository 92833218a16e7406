// An independent model of Sectigo's SiteLock license lifecycle, written from Sectigo's documents only
// (the rule behind each line is cited in README.md, by document title and section). It shares no code
// with Order Desk or its sandbox: it imports nothing, reads no clock (time is the `now` of each step),
// and never mutates a state (every step returns a new one).
//
// Money is integer cents. Where the documents give no price, the command carries the price the test
// supplies, and the model checks the arithmetic (what is debited, what comes back, the pro-rating).
// Time is epoch milliseconds.

export const DAY = 86_400_000;

// "SiteLock products and add-ons" (SRA integration API overview; sps AutoApplyOrder "SiteLock license").
export const PLANS = [1059, 1060, 1061, 1062] as const;
export type PlanCode = (typeof PLANS)[number];
export const ADD_ONS = [1068, 1069, 1070, 1071, 1078, 1076] as const;
export type AddOnCode = (typeof ADD_ONS)[number];
export const BUNDLE = 1072;
// Free < Basic < Pro < Business (the overview's Tier column; Business row cut off: its place is a reading).
export const TIER: Record<PlanCode, number> = { 1059: 0, 1060: 1, 1061: 2, 1062: 3 };
// The overview's "Possible add-ons" column. Business's row was not retrieved: see Config.businessAddOns.
const DOCUMENTED_ADD_ONS: Record<Exclude<PlanCode, 1062>, readonly AddOnCode[]> = {
  1059: [],
  1060: [1071, 1068, 1069, 1070, 1078, 1076],
  1061: [1071, 1069, 1070, 1076],
};
// "Backup 5GB, 10GB or 25GB; DNS Pro add-on or DNS Business add-on": one of each family.
const FAMILY: Record<AddOnCode, string> = {
  1068: "backup", 1069: "backup", 1070: "backup", 1071: "trueshield", 1078: "dns", 1076: "dns",
};

export const RENEWAL_WINDOW_DAYS = 30; // "the 30-day renewal period before the expiration date"
export const REFUND_PERIOD_DAYS = 14; // "Refund period: 14 days by default"

export type Cents = number;
export type OrderNumber = number;
export type PriceTable = Readonly<Record<string, Cents>>; // key: priceKey(product, days)
export const priceKey = (product: PlanCode | AddOnCode, days: number) => `${product}/${days}`;

/** Readings of what the documents leave open, and the app's deliberate decisions. README.md lists each. */
export interface Config {
  /** Business (1062) add-on row not retrieved. "undocumented" makes every Business add-on order undocumented. */
  businessAddOns: readonly AddOnCode[] | "undocumented";
  /** Renewal term start: not documented. "expiry" = the new term follows the old one (no days lost). */
  renewalStartsAt: "expiry" | "now";
  /** A plan change whose pro-rated value is negative: not documented. */
  downgrade: "credit" | "no-charge" | "undocumented";
  /** Cancelling/refunding a base license also refunds add-ons inside their own refund period (the base's need not be open). */
  refundAddOnsWithBase: boolean;
  /** Status-1 accounts: when does the term of an authorized order start? Not documented. */
  authorizedTermStartsAt: "authorization" | "order";
  /** APP DECISION: Order Desk refuses a manual renewal while auto-renew is on (Sectigo does not). */
  appNoManualRenewWhileAutoRenew: boolean;
}

export const SECTIGO_READING: Config = {
  businessAddOns: "undocumented",
  renewalStartsAt: "expiry",
  downgrade: "credit",
  refundAddOnsWithBase: true,
  authorizedTermStartsAt: "authorization",
  appNoManualRenewWhileAutoRenew: false,
};
/** The model as Order Desk must behave: Sectigo's reading plus the app's deliberate decisions. */
export const ORDER_DESK: Config = { ...SECTIGO_READING, appNoManualRenewWhileAutoRenew: true };

export type LicenseStatus = "pending" | "active" | "expired" | "cancelled" | "refunded" | "rejected";
export type AddOnStatus = "active" | "expired" | "cancelled" | "refunded";

export interface AddOn {
  readonly code: AddOnCode;
  readonly orderNumber: OrderNumber;
  readonly days: number;
  readonly status: AddOnStatus;
  readonly expiresAt: number;
  readonly periodStart: number; // its own refund period: purchase or last renewal
  readonly paid: Cents;
}

export interface License {
  readonly id: OrderNumber; // the order that created it: the model's key for the license
  readonly currentOrder: OrderNumber; // the one a next call names as previousOrderNumber
  readonly orders: readonly OrderNumber[]; // every order Sectigo issued for it, oldest first
  readonly domain: string;
  readonly orderedAt: number;
  readonly product: PlanCode;
  readonly days: number; // the current term
  readonly status: LicenseStatus;
  readonly startsAt: number | null; // null while pending authorization
  readonly expiresAt: number | null;
  readonly autoRenew: boolean;
  readonly refundPeriodStart: number | null; // purchase or last renewal
  readonly refundable: Cents; // what a refund inside the period gives back (the period's payment)
  readonly planChangedInPeriod: boolean;
  readonly amountRequired: Cents; // pending authorization: what authorizing will debit
  readonly addOns: readonly AddOn[];
}

export interface State {
  readonly now: number;
  readonly balance: Cents;
  readonly creditLimit: Cents; // "hard credit limit": the balance may go down to -creditLimit
  readonly collectsPayment: boolean; // status-1 account: orders wait for AutoAuthorize
  readonly nextOrder: OrderNumber;
  readonly licenses: Readonly<Record<OrderNumber, License>>;
  readonly config: Config;
}

/** Add-ons carried by an order or a renewal ("one product ID plus one or more add-on IDs"), each with its price. */
export type AddOnItems = readonly { code: AddOnCode; price: Cents }[];

export type Command =
  | { kind: "order"; domain: string; product: PlanCode | typeof BUNDLE; days: number; autoRenew: boolean; price: Cents; addOns?: AddOnItems }
  | { kind: "renew"; license: OrderNumber; days: number; price: Cents; addOns?: AddOnItems }
  | { kind: "setAutoRenew"; license: OrderNumber; on: boolean }
  | { kind: "orderAddOn"; license: OrderNumber; addOn: AddOnCode; days: number; price: Cents }
  /** oldPrice/newPrice: both plans' prices for the license's current term. */
  | { kind: "changePlan"; license: OrderNumber; product: PlanCode; oldPrice: Cents; newPrice: Cents }
  | { kind: "cancel"; license: OrderNumber; addOn?: AddOnCode } // modifyThirdPartyDetails CANCELLICENCE
  | { kind: "refund"; license: OrderNumber; addOn?: AddOnCode } // AutoRefund
  | { kind: "authorize"; license: OrderNumber }
  | { kind: "reject"; license: OrderNumber }
  /** Move the clock to the step's `now`; prices of the auto-renewals that fall due. */
  | { kind: "advanceClock"; renewalPrices: PriceTable };

export type Refusal =
  | "invalid-term" | "bundle-needs-ssl" | "domain-exists" | "insufficient-funds" | "unknown-license"
  | "outside-renewal-window" | "add-on-not-for-plan" | "add-on-needs-valid-license" | "already-cancelled"
  | "already-refunded" | "refund-period-over" | "not-refundable" | "add-on-only-refund" | "not-pending"
  | "app:auto-renew-on";

export type ClockEvent =
  | { kind: "auto-renewed"; license: OrderNumber; orderNumber: OrderNumber; expiresAt: number; debited: Cents }
  | { kind: "auto-renew-unfunded"; license: OrderNumber }
  | { kind: "expired"; license: OrderNumber }
  | { kind: "add-on-expired"; license: OrderNumber; addOn: AddOnCode };

export type Outcome =
  | {
      kind: "accepted";
      status: 0 | 1; // 1: "successful, payment required" (awaits AutoAuthorize)
      orderNumber: OrderNumber | null; // a new order at Sectigo, or null when none was made
      expiresAt: number | null;
      debited: Cents;
      credited: Cents;
      amountRequired: Cents;
      events: readonly ClockEvent[];
    }
  | { kind: "refused"; code: number | null; category: Refusal } // code null: the documents give none
  | { kind: "undocumented"; reason: string }; // the documents do not say: a test must not run it

export interface Step {
  readonly state: State;
  readonly outcome: Outcome;
}

export function initialState(input: {
  now: number; balance: Cents; creditLimit?: Cents; collectsPayment?: boolean; config?: Config; firstOrder?: number;
}): State {
  return {
    now: input.now,
    balance: input.balance,
    creditLimit: input.creditLimit ?? 0,
    collectsPayment: input.collectsPayment ?? false,
    nextOrder: input.firstOrder ?? 1,
    licenses: {},
    config: input.config ?? SECTIGO_READING,
  };
}

// ---- rules (exported for the unit tests and the runner's generators) ----

export const inRenewalWindow = (expiresAt: number, now: number) =>
  now >= expiresAt - RENEWAL_WINDOW_DAYS * DAY && now < expiresAt;

/** Monthly (30-day) terms have no refund period; annual ones 14 days from purchase or last renewal. */
export const inRefundPeriod = (start: number, days: number, now: number) =>
  days === 365 && now <= start + REFUND_PERIOD_DAYS * DAY;

/** Upgrading page: pro-rated price of the new plan for the time left, old plan's unused value credited. */
export function proRatedCharge(oldPrice: Cents, newPrice: Cents, remainingMs: number, termDays: number): Cents {
  const exact = ((newPrice - oldPrice) * remainingMs) / (termDays * DAY);
  return Math.sign(exact) * Math.round(Math.abs(exact)); // to the cent, half away from zero
}

export function allowedAddOns(plan: PlanCode, config: Config): readonly AddOnCode[] | "undocumented" {
  return plan === 1062 ? config.businessAddOns : DOCUMENTED_ADD_ONS[plan];
}

const validTerm = (product: PlanCode | AddOnCode, days: number) =>
  product === 1059 ? days === 365 : days === 30 || days === 365;

// ---- the step ----

const refused = (state: State, code: number | null, category: Refusal): Step => ({
  state, outcome: { kind: "refused", code, category },
});
const undocumented = (state: State, reason: string): Step => ({ state, outcome: { kind: "undocumented", reason } });
const accepted = (state: State, o: Partial<Extract<Outcome, { kind: "accepted" }>>): Step => ({
  state,
  outcome: {
    kind: "accepted", status: 0, orderNumber: null, expiresAt: null, debited: 0, credited: 0, amountRequired: 0,
    events: [], ...o,
  },
});
const canPay = (state: State, amount: Cents) => state.balance - amount >= -state.creditLimit;
const withLicense = (state: State, l: License, extra: Partial<State> = {}): State => ({
  ...state, ...extra, licenses: { ...state.licenses, [l.id]: l },
});
// Sectigo's "already refunded" (-18) / "already cancelled" (-20) for a license that has ended that way.
function ended(state: State, status: LicenseStatus | AddOnStatus): Step | null {
  if (status === "refunded") return refused(state, -18, "already-refunded");
  if (status === "cancelled" || status === "rejected") return refused(state, -20, "already-cancelled");
  return null;
}

export function step(state: State, cmd: Command, now: number): Step {
  if (now < state.now) throw new Error(`model misuse: time went back (${now} < ${state.now})`);
  if (cmd.kind === "advanceClock") return advanceClock(state, now, cmd.renewalPrices);
  if (now !== state.now) throw new Error("model misuse: move time with an advanceClock step first");
  if (cmd.kind === "order") return order(state, cmd);
  const license = state.licenses[cmd.license];
  if (!license) return refused(state, -4, "unknown-license");
  switch (cmd.kind) {
    case "renew": return renew(state, license, cmd.days, cmd.price, cmd.addOns ?? []);
    case "setAutoRenew": return setAutoRenew(state, license, cmd.on);
    case "orderAddOn": return orderAddOn(state, license, cmd.addOn, cmd.days, cmd.price);
    case "changePlan": return changePlan(state, license, cmd);
    case "cancel": return cmd.addOn === undefined ? endLicense(state, license, "cancel") : cancelAddOn(state, license, cmd.addOn);
    case "refund": return cmd.addOn === undefined ? endLicense(state, license, "refund") : refused(state, null, "add-on-only-refund");
    case "authorize": return authorize(state, license);
    case "reject": return reject(state, license);
  }
}

function order(state: State, cmd: Extract<Command, { kind: "order" }>): Step {
  if (cmd.product === BUNDLE) return refused(state, -124, "bundle-needs-ssl");
  if (!validTerm(cmd.product, cmd.days)) return refused(state, -115, "invalid-term");
  const same = Object.values(state.licenses).filter((l) => l.domain === cmd.domain);
  if (same.some((l) => l.status === "active" || l.status === "pending")) return refused(state, -122, "domain-exists");
  if (same.length > 0) return undocumented(state, "a new order for the domain of an ended license (-122 or a new account?)");
  const items = cmd.addOns ?? [];
  const bad = checkNewAddOns(state, cmd.product, [], items.map((i) => i.code));
  if (bad) return bad;
  const id = state.nextOrder;
  const pending = state.collectsPayment;
  const total = cmd.price + sum(items);
  if (pending && items.length > 0) return undocumented(state, "add-ons on a status-1 order (only plain new orders modelled there)");
  if (!pending && !canPay(state, total)) return refused(state, -15, "insufficient-funds");
  const license: License = {
    id, currentOrder: id, orders: [id], domain: cmd.domain, orderedAt: state.now, product: cmd.product, days: cmd.days,
    status: pending ? "pending" : "active",
    startsAt: pending ? null : state.now,
    expiresAt: pending ? null : state.now + cmd.days * DAY,
    autoRenew: cmd.autoRenew,
    refundPeriodStart: pending ? null : state.now,
    refundable: pending ? 0 : cmd.price,
    planChangedInPeriod: false,
    amountRequired: pending ? cmd.price : 0,
    addOns: items.map((i) => newAddOn(i.code, id, cmd.days, state.now, i.price)),
  };
  const next = withLicense(state, license, {
    nextOrder: id + 1,
    balance: pending ? state.balance : state.balance - total,
  });
  return accepted(next, pending
    ? { status: 1, orderNumber: id, amountRequired: cmd.price }
    : { orderNumber: id, expiresAt: license.expiresAt, debited: total });
}

// Everything but order/authorize/reject/cancel/refund needs a live license; the documents give codes
// only for the ended ones.
function liveLicense(state: State, l: License, what: string): Step | null {
  const end = ended(state, l.status);
  if (end) return end;
  if (l.status === "pending") return undocumented(state, `${what} on an order awaiting authorization`);
  if (state.collectsPayment) return undocumented(state, `${what} on a status-1 account (only new orders modelled)`);
  return null;
}

// Each license, the product's or an add-on's, "can be renewed manually at any time during the 30-day
// renewal period before its expiration date": an add-on carried by the call must be in its own window.
function renew(state: State, l: License, days: number, price: Cents, items: AddOnItems): Step {
  const bad = liveLicense(state, l, "renewal");
  if (bad) return bad;
  if (!validTerm(l.product, days)) return refused(state, -115, "invalid-term");
  if (l.status === "expired" || !inRenewalWindow(l.expiresAt!, state.now)) {
    return refused(state, -121, "outside-renewal-window");
  }
  const renewing = items.map((i) => ({ item: i, index: l.addOns.findLastIndex((a) => a.code === i.code && a.status === "active") }));
  if (renewing.some((r) => r.index < 0)) return undocumented(state, "a renewal carrying an add-on the license does not have");
  if (renewing.some((r) => !inRenewalWindow(l.addOns[r.index]!.expiresAt, state.now))) {
    return refused(state, -121, "outside-renewal-window");
  }
  if (state.config.appNoManualRenewWhileAutoRenew && l.autoRenew) return refused(state, null, "app:auto-renew-on");
  const total = price + sum(items);
  if (!canPay(state, total)) return refused(state, -15, "insufficient-funds");
  const orderNumber = state.nextOrder;
  const start = (expiry: number) => (state.config.renewalStartsAt === "expiry" ? expiry : state.now);
  const addOns = l.addOns.map((a, index) => {
    const r = renewing.find((x) => x.index === index);
    return r ? newAddOn(a.code, orderNumber, days, start(a.expiresAt), r.item.price, state.now) : a;
  });
  const renewed = { ...renewedLicense(l, orderNumber, start(l.expiresAt!) + days * DAY, days, price, state.now), addOns };
  return accepted(withLicense(state, renewed, { nextOrder: orderNumber + 1, balance: state.balance - total }), {
    orderNumber, expiresAt: renewed.expiresAt, debited: total,
  });
}

const sum = (items: AddOnItems) => items.reduce((t, i) => t + i.price, 0);

function newAddOn(code: AddOnCode, orderNumber: OrderNumber, days: number, from: number, paid: Cents, at = from): AddOn {
  return { code, orderNumber, days, status: "active", expiresAt: from + days * DAY, periodStart: at, paid };
}

/** Add-ons a plan may take (-121 otherwise), one per family, none twice. */
function checkNewAddOns(state: State, plan: PlanCode, live: readonly AddOn[], codes: readonly AddOnCode[]): Step | null {
  if (codes.length === 0) return null;
  const allowed = allowedAddOns(plan, state.config);
  if (allowed === "undocumented") return undocumented(state, "Business (1062) add-on row not retrieved");
  if (codes.some((c) => !allowed.includes(c))) return refused(state, -121, "add-on-not-for-plan");
  const families = [...live.filter((a) => a.status === "active").map((a) => a.code), ...codes].map((c) => FAMILY[c]);
  if (new Set(families).size < families.length) {
    return undocumented(state, "two add-ons of one family (a renewal? an add-on upgrade?)");
  }
  return null;
}

function renewedLicense(l: License, orderNumber: OrderNumber, expiresAt: number, days: number, price: Cents, at: number): License {
  return {
    ...l, currentOrder: orderNumber, orders: [...l.orders, orderNumber], days, expiresAt, status: "active",
    refundPeriodStart: at, refundable: price, planChangedInPeriod: false, // "resets after a licence renewal"
  };
}

function setAutoRenew(state: State, l: License, on: boolean): Step {
  const bad = liveLicense(state, l, "auto-renew switch");
  if (bad) return bad;
  if (l.status === "expired") return undocumented(state, "auto-renew switch on an expired license");
  return accepted(withLicense(state, { ...l, autoRenew: on }), {});
}

function orderAddOn(state: State, l: License, code: AddOnCode, days: number, price: Cents): Step {
  const bad = liveLicense(state, l, "add-on order");
  if (bad) return bad;
  // "only ... during the validity period of a SiteLock licence"; no code documented.
  if (l.status !== "active") return refused(state, null, "add-on-needs-valid-license");
  const bad2 = checkNewAddOns(state, l.product, l.addOns, [code]);
  if (bad2) return bad2;
  if (!validTerm(code, days)) return refused(state, -115, "invalid-term");
  if (!canPay(state, price)) return refused(state, -15, "insufficient-funds");
  const addOn = newAddOn(code, state.nextOrder, days, state.now, price);
  const next = withLicense(state, { ...l, addOns: [...l.addOns, addOn] }, {
    nextOrder: state.nextOrder + 1, balance: state.balance - price,
  });
  return accepted(next, { orderNumber: addOn.orderNumber, expiresAt: addOn.expiresAt, debited: price });
}

function changePlan(state: State, l: License, cmd: Extract<Command, { kind: "changePlan" }>): Step {
  const bad = liveLicense(state, l, "plan change");
  if (bad) return bad;
  if (l.status === "expired") return undocumented(state, "plan change of an expired license (no time left)");
  if (cmd.product === l.product) return undocumented(state, "same plan with a previous order is a renewal call");
  if (cmd.product === 1059) return undocumented(state, "free plans 'can only be upgraded' to a paid one");
  const allowed = allowedAddOns(cmd.product, state.config);
  const live = l.addOns.filter((a) => a.status === "active");
  if (live.length > 0 && (allowed === "undocumented" || live.some((a) => !allowed.includes(a.code)))) {
    return undocumented(state, "the rule for an add-on the new plan does not take was not retrieved");
  }
  const charge = proRatedCharge(cmd.oldPrice, cmd.newPrice, l.expiresAt! - state.now, l.days);
  let debited = 0;
  let credited = 0;
  if (charge >= 0) debited = charge;
  else if (state.config.downgrade === "credit") credited = -charge;
  else if (state.config.downgrade === "undocumented") return undocumented(state, "downgrade value not documented");
  if (!canPay(state, debited)) return refused(state, -15, "insufficient-funds");
  // "The new licence starts on the upgrade date and runs only for the time left": expiry unchanged.
  const changed: License = {
    ...l, product: cmd.product, currentOrder: state.nextOrder, orders: [...l.orders, state.nextOrder],
    planChangedInPeriod: l.refundPeriodStart !== null && inRefundPeriod(l.refundPeriodStart, l.days, state.now),
  };
  const next = withLicense(state, changed, {
    nextOrder: state.nextOrder + 1, balance: state.balance - debited + credited,
  });
  return accepted(next, { orderNumber: changed.currentOrder, expiresAt: changed.expiresAt, debited, credited });
}

// Cancel (modifyThirdPartyDetails CANCELLICENCE) always cancels and refunds inside the refund period;
// refund (AutoRefund) first checks that a refund is possible, then refunds and cancels. Both cascade
// to the add-ons.
function endLicense(state: State, l: License, how: "cancel" | "refund"): Step {
  const end = ended(state, l.status);
  if (end) return end;
  if (l.status === "pending") return undocumented(state, `${how} of an order awaiting authorization (AutoReject is for that)`);
  const refundable = l.status === "active" && inRefundPeriod(l.refundPeriodStart!, l.days, state.now);
  if (how === "refund" && !refundable) {
    return refused(state, null, l.days === 365 ? "refund-period-over" : "not-refundable");
  }
  if (l.status === "expired") return undocumented(state, "cancelling an expired license");
  if (refundable && l.planChangedInPeriod) return undocumented(state, "refund after a plan change in the same period");
  let credited = refundable ? l.refundable : 0;
  const addOns = l.addOns.map((a): AddOn => {
    if (a.status !== "active") return a;
    // Each license, an add-on's too, has its own refund period: one inside it comes back, whether or
    // not the base's has (CANCELLICENCE "refunds the product if the refund period has not expired").
    const back = state.config.refundAddOnsWithBase && inRefundPeriod(a.periodStart, a.days, state.now);
    credited += back ? a.paid : 0;
    return { ...a, status: back ? "refunded" : "cancelled" };
  });
  const status: LicenseStatus = refundable ? "refunded" : "cancelled";
  const next = withLicense(state, { ...l, status, addOns }, { balance: state.balance + credited });
  return accepted(next, { credited });
}

function cancelAddOn(state: State, l: License, code: AddOnCode): Step {
  const index = l.addOns.findLastIndex((a) => a.code === code);
  const addOn = l.addOns[index];
  if (!addOn) return refused(state, -4, "unknown-license");
  const end = ended(state, addOn.status);
  if (end) return end;
  if (addOn.status === "expired") return undocumented(state, "cancelling an expired add-on");
  const back = inRefundPeriod(addOn.periodStart, addOn.days, state.now);
  const addOns = l.addOns.map((a, i) => (i === index ? { ...a, status: back ? "refunded" as const : "cancelled" as const } : a));
  const credited = back ? addOn.paid : 0;
  return accepted(withLicense(state, { ...l, addOns }, { balance: state.balance + credited }), { credited });
}

function authorize(state: State, l: License): Step {
  const end = ended(state, l.status);
  if (end) return end;
  if (l.status !== "pending") return refused(state, null, "not-pending");
  if (!canPay(state, l.amountRequired)) return refused(state, -15, "insufficient-funds");
  // "Sectigo will deduct funds from your account when you authorize an order" (seed 002, Authorizing orders).
  const start = state.config.authorizedTermStartsAt === "authorization" ? state.now : l.orderedAt;
  const active: License = {
    ...l, status: "active", startsAt: start, expiresAt: start + l.days * DAY, refundPeriodStart: start,
    refundable: l.amountRequired, amountRequired: 0,
  };
  return accepted(withLicense(state, active, { balance: state.balance - l.amountRequired }), {
    expiresAt: active.expiresAt, debited: l.amountRequired,
  });
}

function reject(state: State, l: License): Step {
  const end = ended(state, l.status);
  if (end) return end;
  if (l.status !== "pending") return refused(state, null, "not-pending");
  return accepted(withLicense(state, { ...l, status: "rejected", amountRequired: 0 }), {});
}

// ---- the clock ----

// Sectigo renews "automatically at expiry" when auto-renew is on, and "requires sufficient account
// funds": without them the license is not renewed and expires (nothing documents a retry).
function advanceClock(state: State, now: number, prices: PriceTable): Step {
  let balance = state.balance;
  let nextOrder = state.nextOrder;
  const events: ClockEvent[] = [];
  const licenses: Record<OrderNumber, License> = {};
  // Due renewals are charged in expiry order across licenses, so funds run out in time order.
  const due: { id: OrderNumber; at: number }[] = [];
  for (const l of Object.values(state.licenses)) {
    licenses[l.id] = l;
    if (l.status === "active" && l.expiresAt! <= now) due.push({ id: l.id, at: l.expiresAt! });
  }
  if (state.collectsPayment && due.some(({ id }) => licenses[id]!.autoRenew)) {
    return undocumented(state, "an auto-renewal on a status-1 account (paid at authorization?)");
  }
  while (due.length > 0) {
    due.sort((a, b) => a.at - b.at || a.id - b.id);
    const { id, at } = due.shift()!;
    const l = licenses[id]!;
    if (l.autoRenew && l.addOns.some((a) => a.status === "active" && a.expiresAt >= at)) {
      return undocumented(state, "an auto-renewal of a license with live add-ons (are they renewed along?)");
    }
    const price = prices[priceKey(l.product, l.days)];
    if (l.autoRenew && price === undefined) throw new Error(`model misuse: no price for ${priceKey(l.product, l.days)}`);
    if (l.autoRenew && balance - price! >= -state.creditLimit) {
      const renewed = renewedLicense(l, nextOrder++, at + l.days * DAY, l.days, price!, at);
      balance -= price!;
      licenses[id] = renewed;
      events.push({ kind: "auto-renewed", license: id, orderNumber: renewed.currentOrder, expiresAt: renewed.expiresAt!, debited: price! });
      if (renewed.expiresAt! <= now) due.push({ id, at: renewed.expiresAt! });
    } else {
      if (l.autoRenew) events.push({ kind: "auto-renew-unfunded", license: id });
      licenses[id] = { ...l, status: "expired" };
      events.push({ kind: "expired", license: id });
    }
  }
  for (const l of Object.values(licenses)) {
    if (!l.addOns.some((a) => a.status === "active" && a.expiresAt <= now)) continue;
    licenses[l.id] = {
      ...l,
      addOns: l.addOns.map((a) => {
        if (a.status !== "active" || a.expiresAt > now) return a;
        events.push({ kind: "add-on-expired", license: l.id, addOn: a.code });
        return { ...a, status: "expired" };
      }),
    };
  }
  const debited = state.balance - balance;
  return accepted({ ...state, now, balance, nextOrder, licenses }, { debited, events });
}

/** "If the license of a product expires earlier than the license of an add-on, you won't be able to use
 *  an add-on without a product." */
export const addOnUsable = (l: License, a: AddOn) => a.status === "active" && l.status === "active";
