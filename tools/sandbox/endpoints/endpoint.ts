/** The shape every Sectigo endpoint of the sandbox implements, and the shared runner. */
import { countCall } from "../core/accounts";
import { runAutoRenewals } from "../core/auto-renew";
import { err, SandboxError } from "../core/errors";
import { syncOrderStatuses } from "../core/orders";
import type { ParamBag } from "../core/params";
import type { World } from "../core/world";
import type { Reply } from "../http/reply";

export interface EndpointContext {
  world: World;
  params: ParamBag;
  method: string;
}

export interface Endpoint {
  /** Canonical name, as in `/products/!<name>`. */
  name: string;
  /** Only PlaceOrder accepts GET; the others answer -17. */
  allowGet: boolean;
  /** PlaceOrder's parameter names are case-insensitive: map them to canonical spelling first. */
  normalize?(params: ParamBag): ParamBag;
  handle(ctx: EndpointContext): Reply;
  renderError(error: SandboxError, params: ParamBag): Reply;
}

export interface RunOptions {
  onUnexpected?(error: unknown): void;
}

/**
 * Method check (-17), call limit (-42), pending auto-renewals, then the handler inside a
 * transaction; any SandboxError becomes the endpoint's error reply, anything else -14.
 * What a call changed is journaled when its transaction commits, before the reply is sent; a call
 * that changes nothing writes nothing.
 */
export function runEndpoint(world: World, endpoint: Endpoint, method: string, raw: ParamBag, options: RunOptions = {}): Reply {
  const params = endpoint.normalize ? endpoint.normalize(raw) : raw;
  try {
    if (method !== "POST" && !(endpoint.allowGet && method === "GET")) throw err.postRequired();
    countCall(world, params.get("loginName"));
    world.transaction(() => runAutoRenewals(world));
    return world.transaction(() => {
      const reply = endpoint.handle({ world, params, method });
      syncOrderStatuses(world);
      return reply;
    });
  } catch (error) {
    if (error instanceof SandboxError) return endpoint.renderError(error, params);
    options.onUnexpected?.(error);
    return endpoint.renderError(err.unknown(), params);
  }
}
