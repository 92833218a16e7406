/**
 * The single-license renewal (i9-core) as the bulk run uses it: eligibility for the preview, and
 * `renewLicense` for the job with its answers read for the run. Sectigo's call limit arrives as a
 * FAILED attempt (nothing bought, errorCode -42; the next attempt gets the period's next key): the
 * run waits and tries again instead of failing the item.
 */
import { AppError } from "@/lib/errors";
import { renewalEligibility } from "@/lib/licenses/rules/renewal-eligibility";
import type { OrderDeps } from "@/lib/orders/order-deps";
import { renewLicense } from "@/lib/licenses/actions/renew";
import type { Limiter } from "./limiter";
import type { EligibilityFn, RenewFn } from "./renew-contract";

export const eligibility: EligibilityFn = (license, now) => renewalEligibility(license, now);

export const SECTIGO_CALL_LIMIT = -42;

/**
 * The same deps whose Sectigo clients hold a slot of `limiter` for each HTTP exchange and nothing
 * else (the client takes it before the call's timer and gives it back before recording the call):
 * the database work of an item never keeps another item's call waiting.
 */
export function limitSectigoCalls(deps: OrderDeps, limiter: Limiter): OrderDeps {
  return { ...deps, sectigo: (resellerAccountId, link) => deps.sectigo(resellerAccountId, { ...link, callSlot: limiter }) };
}

export function renewWith(deps: OrderDeps): RenewFn {
  return async (actor, input, callSlot) => {
    try {
      const result = await renewLicense(actor, input, callSlot ? limitSectigoCalls(deps, callSlot) : deps);
      if (!result.ok && result.code === "FAILED" && result.sectigoCode === SECTIGO_CALL_LIMIT) return { ok: false, code: "RATE_LIMITED", message: result.message };
      return result;
    } catch (error) {
      // Expected refusals of the use case are data for the run; anything else is retried by the engine.
      if (error instanceof AppError) return { ok: false, code: error.code === "NOT_FOUND" ? "NOT_FOUND" : "FAILED", message: error.message };
      throw error;
    }
  };
}
