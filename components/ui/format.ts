const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" });

export function formatDate(d: Date | null | undefined): string {
  return d ? dateFormat.format(d) : "—";
}

/** One formatter per currency: making one costs ~50 µs, and a renewals view formats ~40 amounts. */
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: { toString(): string } | null | undefined, currency?: string | null): string {
  if (amount === null || amount === undefined) return "—";
  const value = Number(amount.toString());
  const code = currency ?? "USD";
  let format = moneyFormats.get(code);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency: code });
    // Only a code Intl accepted is kept (it throws on a malformed one), so the map stays small.
    moneyFormats.set(code, format);
  }
  return format.format(value);
}
