/**
 * The single-licence renewal (i9-core) as the bulk run uses it: eligibility for the preview, and
 * `renewLicense` for the job with its answers read for the run. Sectigo's call limit arrives as a
 * FAILED attempt (nothing bought, errorCode -42; the next attempt gets the period's next key): the
 * run waits and tries again instead of failing the item.
 */
import { AppError } from "@/lib/errors";
import { renewalEligibility } from "@/lib/licenses/renewal-eligibility";
import type { OrderDeps } from "@/lib/orders/order-deps";
import { renewLicense } from "@/lib/orders/renew-license";
import type { SectigoClient } from "@/lib/sectigo/client";
import type { Limiter } from "./limiter";
import type { EligibilityFn, RenewFn } from "./renew-contract";

export const eligibility: EligibilityFn = (licence, now) => renewalEligibility(licence, now);

export const SECTIGO_CALL_LIMIT = -42;

/** The same deps whose Sectigo clients wait for a slot of `limiter` around each call (and only the call). */
export function limitSectigoCalls(deps: OrderDeps, limiter: Limiter): OrderDeps {
  return {
    ...deps,
    sectigo: async (resellerAccountId, link) => {
      const client = await deps.sectigo(resellerAccountId, link);
      return new Proxy(client, {
        get(target, prop, receiver) {
          const value: unknown = Reflect.get(target, prop, receiver);
          if (typeof value !== "function") return value;
          return async (...args: unknown[]) => {
            const release = await limiter.acquire();
            try {
              return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            } finally {
              release();
            }
          };
        },
      }) as SectigoClient;
    },
  };
}

export function renewWith(deps: OrderDeps): RenewFn {
  return async (actor, input, callSlot) => {
    try {
      const result = await renewLicense(actor, input, callSlot ? limitSectigoCalls(deps, callSlot) : deps);
      if (result.ok || result.code !== "FAILED" || !result.orderId) return result;
      const order = await deps.db.order.findUnique({ where: { id: result.orderId }, select: { errorCode: true } });
      if (order?.errorCode === SECTIGO_CALL_LIMIT) return { ok: false, code: "RATE_LIMITED", message: result.message };
      return result;
    } catch (error) {
      // Expected refusals of the use case are data for the run; anything else is retried by the engine.
      if (error instanceof AppError) return { ok: false, code: error.code === "NOT_FOUND" ? "NOT_FOUND" : "FAILED", message: error.message };
      throw error;
    }
  };
}
