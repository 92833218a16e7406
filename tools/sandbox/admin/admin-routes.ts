/**
 * `/__sandbox/*`: JSON admin API (documented with curl examples in ../README.md). Every request
 * passes the gate (guard.ts: token, no web pages, JSON only), then each route validates the whole
 * request before it changes anything: a 4xx leaves the state, the clock and the faults untouched.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { runAutoRenewals } from "../core/auto-renew";
import { CLOCK_RANGE_TEXT, DAY_MS, inClockRange, MAX_ADVANCE_DAYS } from "../core/clock";
import type { World } from "../core/world";
import { scaledWorldOptions } from "../../demo-world/scaled-world";
import { DEMO_RESELLER, anchorDay } from "../../demo-world/demo-data";
import { seedScaledWorld } from "../core/scaled-seed";
import { faultInput, type FaultRegistry } from "../http/faults";
import { readBody } from "../http/read-request";
import { accountInput, publicAccount, upsertAccount } from "./accounts";
import { refuseAdmin } from "./guard";
import { findOrders, licensesView, orderView } from "./views";
import { baseLicenseOfOrder, licensesOfOrder } from "../core/licenses";
import { syncOrderStatuses } from "../core/orders";

export interface AdminContext {
  world: World;
  faults: FaultRegistry;
  adminToken: string;
  /** The demo's day zero, when the sandbox was started with one: POST seed's default anchor. */
  demoAnchor?: Date;
  /** Validates everything, then replaces the state (throws before any change on bad input). */
  reset(input: { demo?: boolean; demoAnchor?: Date }): void;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "body must be JSON");
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, result.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  return result.data;
}

const instant = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .refine((value) => inClockRange(Date.parse(value)), `must be ${CLOCK_RANGE_TEXT}`);

const clockInput = z.strictObject({
  now: instant.optional(),
  advanceDays: z.number().min(-MAX_ADVANCE_DAYS).max(MAX_ADVANCE_DAYS).optional(),
  freeze: z.boolean().optional(),
});
const resetInput = z.strictObject({ demo: z.boolean().optional(), demoAnchor: instant.optional() });
/** POST seed: the scaled world's knobs (tools/demo-world/scaled-world.ts) plus whose world and its day zero. */
const seedInput = z.strictObject({
  ...scaledWorldOptions.shape,
  loginName: z.string().min(1).max(64).default(DEMO_RESELLER.loginName),
  anchor: instant.optional(),
});

/** POST seed: a bulk world in one call. Bad input 400, unknown login 400, same seed twice 409; all before any change. */
function seedWorld(world: World, body: unknown, demoAnchor: Date | undefined) {
  const input = parse(seedInput, body);
  const options = parse(scaledWorldOptions, {
    licenses: input.licenses,
    seed: input.seed,
    expiryFromDays: input.expiryFromDays,
    expiryToDays: input.expiryToDays,
    autoRenewShare: input.autoRenewShare,
  });
  // Default day zero: the demo's, else midnight UTC of the sandbox clock (as for the demo without an anchor).
  const anchor = anchorDay(input.anchor !== undefined ? new Date(input.anchor) : (demoAnchor ?? world.now()));
  const result = seedScaledWorld(world, { ...options, loginName: input.loginName, anchor });
  if (!result.ok) throw new HttpError(result.reason === "exists" ? 409 : 400, result.message);
  return { ...result.summary, anchor: anchor.toISOString() };
}

/** PATCH licenses/:orderNumber: what "Sectigo" did behind the reseller's back (drift for the sync). */
const licensePatchInput = z
  .strictObject({
    expiresAt: instant.optional(),
    autoRenew: z.boolean().optional(),
    status: z.enum(["active", "awaiting", "cancelled", "refunded", "rejected"]).optional(),
    productCode: z.number().int().optional(),
  })
  .refine((v) => v.expiresAt !== undefined || v.autoRenew !== undefined || v.status !== undefined, "give expiresAt, autoRenew or status");

/**
 * Changes the license(s) of an order in place (the order's base license, or the one with
 * `productCode`), as if Sectigo support or the reseller's own control panel had; the order's status
 * follows its licenses as after a cancellation. 404 for an unknown order, 400 when `productCode`
 * names no license of it; all checked before any change.
 */
function patchLicense(world: World, orderNumber: string, body: unknown) {
  const input = parse(licensePatchInput, body);
  if (!world.order(orderNumber)) throw new HttpError(404, "no such order");
  return world.transaction(() => {
    const order = world.order(orderNumber)!;
    const licenses = licensesOfOrder(world, order);
    const target = input.productCode !== undefined ? licenses.find((l) => l.productCode === input.productCode) : (baseLicenseOfOrder(world, order) ?? licenses[0]);
    if (!target) throw new HttpError(400, input.productCode !== undefined ? `productCode: order ${orderNumber} has no license of product ${input.productCode}` : `order ${orderNumber} has no license`);
    if (input.expiresAt !== undefined) target.expiresAt = new Date(input.expiresAt).toISOString();
    if (input.autoRenew !== undefined) target.autoRenew = input.autoRenew;
    if (input.status !== undefined) target.status = input.status;
    syncOrderStatuses(world);
    return orderView(world, orderNumber)?.licenses.find((l) => l.id === target.id);
  });
}

/** POST clock: the target instant is computed and checked first; then clock + renewals, atomically. */
function moveClock(world: World, body: unknown) {
  const input = parse(clockInput, body);
  if (input.now === undefined && input.advanceDays === undefined) throw new HttpError(400, "give now or advanceDays");
  const from = input.now !== undefined ? Date.parse(input.now) : world.now().getTime();
  const target = from + (input.advanceDays ?? 0) * DAY_MS;
  if (!inClockRange(target)) throw new HttpError(400, `the clock must stay ${CLOCK_RANGE_TEXT}`);
  const renewed = world.transaction(() => {
    if (input.now !== undefined) world.clock.set(new Date(target), input.freeze ?? true);
    else world.clock.advanceDays(input.advanceDays ?? 0);
    return runAutoRenewals(world);
  });
  return { ...world.clock.describe(), autoRenewed: renewed };
}

/** `/__sandbox/<resource>[/<id>]` with percent-decoding; a bad escape is a 400, deeper paths a 404. */
function pathParts(url: URL): string[] {
  try {
    return url.pathname.split("/").filter(Boolean).slice(1).map(decodeURIComponent);
  } catch {
    throw new HttpError(400, "malformed percent-encoding in the path");
  }
}

async function route(ctx: AdminContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { world, faults } = ctx;
  const parts = pathParts(url);
  const [resource, id] = parts;
  const method = req.method ?? "GET";
  const key = parts.length > 2 ? "" : `${method} ${resource ?? ""}${id !== undefined ? "/:id" : ""}`;
  switch (key) {
    case "GET clock":
      return json(res, 200, world.clock.describe());
    case "POST clock":
      return json(res, 200, moveClock(world, await jsonBody(req)));
    case "DELETE clock":
      world.transaction(() => world.clock.reset());
      return json(res, 200, world.clock.describe());
    case "GET faults":
      return json(res, 200, { faults: faults.list() });
    case "POST faults":
      return json(res, 201, { id: faults.add(parse(faultInput, await jsonBody(req))).id });
    case "DELETE faults":
      faults.clear();
      return json(res, 200, { ok: true });
    case "DELETE faults/:id":
      return faults.remove(id ?? "") ? json(res, 200, { ok: true }) : json(res, 404, { error: "no such fault" });
    case "GET accounts":
      return json(res, 200, { accounts: world.accounts().map(publicAccount) });
    case "POST accounts": {
      const account = upsertAccount(world, parse(accountInput, await jsonBody(req)));
      return json(res, 200, publicAccount(account));
    }
    case "GET accounts/:id": {
      const account = world.account(id);
      return account ? json(res, 200, publicAccount(account)) : json(res, 404, { error: "no such account" });
    }
    case "GET orders/:id": {
      const view = orderView(world, id ?? "");
      return view ? json(res, 200, view) : json(res, 404, { error: "no such order" });
    }
    case "GET orders":
      return json(res, 200, { orders: findOrders(world, url.searchParams) });
    case "GET licenses":
      return json(res, 200, { licenses: licensesView(world, url.searchParams) });
    case "PATCH licenses/:id":
      return json(res, 200, patchLicense(world, id ?? "", await jsonBody(req)));
    case "POST seed":
      return json(res, 201, seedWorld(world, await jsonBody(req), ctx.demoAnchor));
    case "POST reset": {
      const input = parse(resetInput, await jsonBody(req));
      ctx.reset({ demo: input.demo, demoAnchor: input.demoAnchor === undefined ? undefined : new Date(input.demoAnchor) });
      return json(res, 200, { ok: true, ...world.clock.describe() });
    }
    default:
      return json(res, 404, { error: `no admin route ${method} ${url.pathname}` });
  }
}

export async function handleAdmin(ctx: AdminContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const refusal = refuseAdmin(req, ctx.adminToken);
  if (refusal) {
    // The body is not read: close the connection rather than leave it half-consumed.
    return json(res, refusal.status, { error: refusal.error }, { ...refusal.headers, connection: "close" });
  }
  try {
    await route(ctx, req, res, url);
  } catch (error) {
    if (error instanceof HttpError) return json(res, error.status, { error: error.message });
    throw error;
  }
}
