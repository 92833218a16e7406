const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" });

export function formatDate(d: Date | null | undefined): string {
  return d ? dateFormat.format(d) : "—";
}

export function formatMoney(amount: { toString(): string } | null | undefined, currency?: string | null): string {
  if (amount === null || amount === undefined) return "—";
  const value = Number(amount.toString());
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency ?? "USD" }).format(value);
}
