/**
 * Pro-rating of upgrades (core/rules/pro-rating.ts, Sectigo's "Upgrading or downgrading products"): the reseller pays the new product's price for the time left
 * on the existing license minus the unused value of the old one; the expiry date does not move.
 * Worked example from the page: 1-year Basic $149 -> Pro $249 after 6 months = 249/2 - 149/2 = $50.
 *
 * Decisions [INFERENCE]: prices are taken for the license's own term (30 or 365 days); when a
 * product has no price for that term (e.g. the bundle's 90-day term) the annual price is scaled.
 * A downgrade (negative delta) is charged 0.00 and credits nothing — crediting is not documented.
 */
import { priceOf } from "../../core/catalog";
import { err } from "../../core/errors";
import type { License } from "../../core/types";
import { planChangeCharge } from "../../core/rules/pro-rating";

export function termPrice(code: number, termDays: number): number | undefined {
  const direct = priceOf(code, termDays);
  if (direct !== undefined) return direct;
  const annual = priceOf(code, 365);
  return annual === undefined ? undefined : (annual * termDays) / 365;
}

export function proRatedCharge(license: License, newCode: number, now: Date): number {
  const term = license.termDays;
  const newPrice = termPrice(newCode, term);
  const oldPrice = termPrice(license.productCode, term) ?? 0;
  if (newPrice === undefined || term <= 0) throw err.noPrice(newCode);
  return planChangeCharge(oldPrice, newPrice, term, new Date(license.expiresAt), now);
}
