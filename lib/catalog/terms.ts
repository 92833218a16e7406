import type { Term } from "./types";

export const DAYS_PER_YEAR = 365;

/** `years(9401, 9406, 9411)` -> 1-, 2- and 3-year terms with those PPP codes, in that order. */
export function years(...codes: number[]): Term[] {
  return codes.map((ppp, i) => ({ label: i === 0 ? "1 year" : `${i + 1} years`, days: (i + 1) * DAYS_PER_YEAR, ppp }));
}

export function daysTerm(days: number, ppp?: number): Term {
  const label = days % DAYS_PER_YEAR === 0 ? `${days / DAYS_PER_YEAR} year${days === DAYS_PER_YEAR ? "" : "s"}` : `${days} days`;
  return ppp === undefined ? { label, days } : { label, days, ppp };
}

/** The Sectigo Web / Web DNS pattern: 30-, 45- and 90-day trials, then 1 to 5 years. */
export function trialsAndYears(d30: number, d45: number, d90: number, ...yearCodes: number[]): Term[] {
  return [daysTerm(30, d30), daysTerm(45, d45), daysTerm(90, d90), ...years(...yearCodes)];
}
