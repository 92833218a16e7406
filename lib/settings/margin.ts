/** Amounts travel as strings ("12.50") so no float rounding creeps into prices. */
function cents(amount: string): number {
  const [whole = "0", fraction = ""] = amount.trim().split(".");
  const sign = whole.startsWith("-") ? -1 : 1;
  return sign * (Math.abs(Number(whole)) * 100 + Number((fraction + "00").slice(0, 2)));
}

/** Sell minus buy, and that as a share of the sell price; null when either amount is not a number. */
export function marginOf(buy: string, sell: string): { amount: string; percent: number | null } | null {
  if (!/^-?\d+(\.\d{1,2})?$/.test(buy.trim()) || !/^-?\d+(\.\d{1,2})?$/.test(sell.trim())) return null;
  const b = cents(buy);
  const s = cents(sell);
  const m = s - b;
  const amount = `${m < 0 ? "-" : ""}${Math.floor(Math.abs(m) / 100)}.${String(Math.abs(m) % 100).padStart(2, "0")}`;
  return { amount, percent: s > 0 ? Math.round((m / s) * 1000) / 10 : null };
}
