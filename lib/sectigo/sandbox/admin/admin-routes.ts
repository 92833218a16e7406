/** `/__sandbox/*`: JSON admin API (documented with curl examples in ../README.md). */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { runAutoRenewals } from "../core/auto-renew";
import type { World } from "../core/world";
import { faultInput, type FaultRegistry } from "../http/faults";
import { readBody } from "../http/read-request";
import { accountInput, publicAccount, upsertAccount } from "./accounts";
import { findOrders, licencesView, orderView } from "./views";

export interface AdminContext {
  world: World;
  faults: FaultRegistry;
  reset(input: { demo?: boolean; demoAnchor?: string }): void;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
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

const clockInput = z.object({
  now: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  advanceDays: z.number().optional(),
  freeze: z.boolean().optional(),
});
const resetInput = z.object({ demo: z.boolean().optional(), demoAnchor: z.string().optional() });

async function route(ctx: AdminContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { world, faults } = ctx;
  const parts = url.pathname.split("/").filter(Boolean).slice(1).map(decodeURIComponent);
  const [resource, id] = parts;
  const method = req.method ?? "GET";
  const key = `${method} ${resource ?? ""}${id !== undefined ? "/:id" : ""}`;
  switch (key) {
    case "GET clock":
      return json(res, 200, world.clock.describe());
    case "POST clock": {
      const input = parse(clockInput, await jsonBody(req));
      if (input.now === undefined && input.advanceDays === undefined) throw new HttpError(400, "give now or advanceDays");
      if (input.now !== undefined) world.clock.set(new Date(input.now), input.freeze ?? true);
      if (input.advanceDays !== undefined) world.clock.advanceDays(input.advanceDays);
      const renewed = world.transaction(() => runAutoRenewals(world));
      world.persist();
      return json(res, 200, { ...world.clock.describe(), autoRenewed: renewed });
    }
    case "DELETE clock":
      world.clock.reset();
      world.persist();
      return json(res, 200, world.clock.describe());
    case "GET faults":
      return json(res, 200, { faults: faults.list() });
    case "POST faults":
      return json(res, 201, { id: faults.add(parse(faultInput, await jsonBody(req))).id });
    case "DELETE faults":
      faults.clear();
      return json(res, 200, { ok: true });
    case "DELETE faults/:id":
      return json(res, faults.remove(id ?? "") ? 200 : 404, { ok: true });
    case "GET accounts":
      return json(res, 200, { accounts: Object.values(world.state.accounts).map(publicAccount) });
    case "POST accounts": {
      const account = upsertAccount(world, parse(accountInput, await jsonBody(req)));
      world.persist();
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
      return json(res, 200, { licenses: licencesView(world, url.searchParams) });
    case "POST reset":
      ctx.reset(parse(resetInput, await jsonBody(req)));
      return json(res, 200, { ok: true, ...world.clock.describe() });
    default:
      return json(res, 404, { error: `no admin route ${method} ${url.pathname}` });
  }
}

export async function handleAdmin(ctx: AdminContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  try {
    await route(ctx, req, res, url);
  } catch (error) {
    if (error instanceof HttpError) return json(res, error.status, { error: error.message });
    throw error;
  }
}
