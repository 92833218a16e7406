/**
 * `!getAccountBalance` (Sectigo's getAccountBalance reference). responseFormat 0 (default, newline: status,
 * account ID, currency, available funds, hard credit limit) or 1 (URL-encoded).
 * Decision: the URL-encoded key names were not legible; the sandbox uses errorCode, accountID,
 * currency, balance, creditLimit [INFERENCE]. JSON is not offered: only 0/1 are requestable
 * (its response table also describes JSON; its request allows 0 or 1). Any other responseFormat -> -4.
 */
import { authenticate } from "../core/accounts";
import { err, type SandboxError } from "../core/errors";
import { checkParams, type ParamBag, type ParamSpec } from "../core/params";
import { money } from "../core/world";
import { newlineError, urlencodedError, type Reply } from "../http/reply";
import type { Endpoint } from "./endpoint";

const PARAMS: readonly ParamSpec[] = [
  { name: "loginName", required: true, max: 64 },
  { name: "loginPassword", required: true, max: 128 },
  { name: "responseFormat", max: 1 },
];

const urlFormat = (params: ParamBag) => params.get("responseFormat") === "1";

export const getAccountBalance: Endpoint = {
  name: "getAccountBalance",
  allowGet: false,
  handle({ world, params }): Reply {
    checkParams(params, PARAMS);
    const format = params.get("responseFormat") ?? "0";
    if (format !== "0" && format !== "1") throw err.invalid("responseFormat");
    const account = authenticate(world, params);
    const values: Array<[string, string]> = [
      ["accountID", String(account.accountId)],
      ["currency", account.currency],
      ["balance", money(account.funds)],
      ["creditLimit", money(account.creditLimit)],
    ];
    if (format === "1") return { type: "urlencoded", fields: [["errorCode", "0"], ...values] };
    return { type: "newline", lines: ["0", ...values.map(([, v]) => v)] };
  },
  renderError(error: SandboxError, params: ParamBag): Reply {
    return urlFormat(params) ? urlencodedError(error) : newlineError(error);
  },
};
