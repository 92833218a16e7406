const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" });

export function formatDate(d: Date | null | undefined): string {
  return d ? dateFormat.format(d) : "—";
}

/** One formatter per currency: making one costs ~50 µs, and a renewals view formats ~40 amounts. */
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: { toString(): string } | null | undefined, currency?: string | null): string {
  if (amount === null || amount === undefined) return "—";
  const value = Number(amount.toString());
  const code = (currency || "USD").toUpperCase();
  let format = moneyFormats.get(code);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency: code });
    // Codes Intl accepted only (it throws on a malformed one), and a bounded few: stored currencies
    // are checked codes, but Sectigo's answers are not ours to trust.
    if (moneyFormats.size < 50) moneyFormats.set(code, format);
  }
  return format.format(value);
}
