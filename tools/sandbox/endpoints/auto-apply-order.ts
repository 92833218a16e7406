/**
 * `!AutoApplyOrder` for SiteLock ("Ordering products", "Renewing product licenses", "Upgrading or
 * downgrading products", and the AutoApplyOrder reference "SiteLock license"). Order of checks: -2 unknown, -3 missing, -4 too long, -16 login, -76 SiteLock not
 * enabled, then the request values and the business rules of the chosen flow.
 */
import { authenticate, requireSiteLock } from "../core/accounts";
import { err, type SandboxError } from "../core/errors";
import { createOrder } from "../core/orders";
import type { ParamBag } from "../core/params";
import type { World } from "../core/world";
import { newlineError, urlencodedError, type Reply } from "../http/reply";
import type { Endpoint } from "./endpoint";
import { orderOnExistingLicense } from "./auto-apply/existing-license";
import { orderNewLicense } from "./auto-apply/new-license";
import { outcomeReply, type Outcome } from "./auto-apply/outcome";
import { checkAutoApplyParams, parseAutoApply, type AutoApplyRequest } from "./auto-apply/request";
import { orderSsl } from "./auto-apply/ssl-bundle";

function responseFormat(params: ParamBag): "0" | "1" {
  return params.get("responseFormat") === "1" ? "1" : "0";
}

function place(world: World, req: AutoApplyRequest): Outcome {
  if (req.ssl.length > 0) return orderSsl(world, req);
  if (req.bundle) throw err.bundleWithoutSsl();
  if (req.previousOrderNumber !== undefined) return orderOnExistingLicense(world, req, req.previousOrderNumber);
  return orderNewLicense(world, req, null);
}

/**
 * test=Y: every check runs and the answer looks like a real one, but the state is rolled back
 * (nothing billed, no license). Decision: the order number stays consumed and a record with status
 * "test" is kept so the admin API can show it; totalCost is reported as 0.00 (not billed).
 */
function placeTest(world: World, req: AutoApplyRequest): Outcome {
  const outcome = world.dryRun(() => place(world, req));
  const order = createOrder(world, {
    orderNumber: outcome.order.orderNumber, loginName: req.account.loginName, customerId: null, source: "AutoApplyOrder",
    kind: outcome.order.kind, status: "test", totalCost: 0, licenseIds: [], products: req.codes,
    domainName: req.domainName, foreignOrderNumber: req.foreignOrderNumber, previousOrderNumber: req.previousOrderNumber ?? null,
  });
  return { ...outcome, order };
}

export const autoApplyOrder: Endpoint = {
  name: "AutoApplyOrder",
  allowGet: false,
  handle({ world, params }): Reply {
    checkAutoApplyParams(params);
    const account = authenticate(world, params);
    const req = parseAutoApply(params, account);
    const needsSiteLock = req.ssl.length === 0 || (!req.disableSiteLock && req.bundle);
    if (needsSiteLock) requireSiteLock(account);
    const outcome = req.test ? placeTest(world, req) : place(world, req);
    return outcomeReply(outcome, {
      format: responseFormat(params),
      showCertificateID: req.showCertificateID,
      showCertificateState: req.showCertificateState,
      test: req.test,
    });
  },
  renderError(error: SandboxError, params: ParamBag): Reply {
    return responseFormat(params) === "1" ? urlencodedError(error) : newlineError(error);
  },
};
