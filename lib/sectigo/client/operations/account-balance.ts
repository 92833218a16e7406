/**
 * `!getAccountBalance`. We ask for responseFormat=0 because only the newline layout's positions
 * are documented (the URL-encoded key names were not retrievable); either answer is parsed.
 * JSON is not supported (the response table describes it; the request allows only 0 or 1). Source:
 * Sectigo's getAccountBalance reference.
 */
import { FormBody } from "../wire/form";
import { WIRE_FIELDS } from "../wire/fields";
import { type ParsedBody, nonEmpty, parseMoney } from "../wire/response";

export interface AccountBalance {
  accountId: string;
  /** e.g. "USD". */
  currency: string;
  /** Funds available, account currency. */
  available: number;
  /** Hard credit limit (how far below zero the balance may go). */
  creditLimit: number;
}

export function encodeGetAccountBalance(auth: { loginName: string; loginPassword: string }): FormBody {
  const W = WIRE_FIELDS.getAccountBalance;
  return new FormBody().set(W.loginName, auth.loginName).set(W.loginPassword, auth.loginPassword).set(W.responseFormat, 0);
}

export function decodeAccountBalance(body: ParsedBody): AccountBalance | undefined {
  if (body.status !== 0) return undefined;
  let accountId: string | undefined;
  let currency: string | undefined;
  let available: string | undefined;
  let limit: string | undefined;
  if (body.format === "lines") {
    [, accountId, currency, available, limit] = body.lines;
  } else {
    const f = body.fields;
    accountId = f.get("accountID", "accountId", "accountNumber");
    currency = f.get("currency", "currencyCode");
    available = f.get("balance", "availableFunds", "available", "amount", "funds");
    limit = f.get("creditLimit", "hardCreditLimit", "hardLimit");
  }
  const id = nonEmpty(accountId);
  const cur = nonEmpty(currency);
  const amount = parseMoney(available);
  const credit = parseMoney(limit);
  if (!id || !cur || !/^[A-Za-z]{3}$/.test(cur) || amount === undefined || credit === undefined) return undefined;
  return { accountId: id, currency: cur.toUpperCase(), available: amount, creditLimit: credit };
}
