/**
 * An add-on's terms as the person meets them before the click (issue 18 item 4): for each term
 * Sectigo sells it for (30 days or 1 year, AutoApplyOrder), its price, the date it ends (it runs
 * from today, as Sectigo sells it), and whether it outlives its license (Sectigo's "Renewing product
 * licenses": an add-on cannot be used without its product). The term that ends with its license is offered first; a
 * term that outlives it is said so in the question itself, before anything is sent.
 *
 * The question is a server confirmation (lib/orders/server-confirmations.ts): its key names the
 * license, the add-on, the term, the price and both end dates, so an answer given to yesterday's
 * question (another price, another expiry) does not cover today's order.
 */
import type { Confirmation } from "@/lib/orders/server-confirmations";

const DAY_MS = 86_400_000;
// As the pages write dates (components/ui/format.ts): "07 Dec 2027".
const dateText = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" });
const day = (d: Date) => d.toISOString().slice(0, 10);

export const ADD_ON_TERMS = [30, 365] as const;
export type AddOnDays = (typeof ADD_ON_TERMS)[number];

export interface AddOnTermOffer {
  days: AddOnDays;
  label: string;
  /** The sell price for this term, null when none is set. */
  price: { amount: number; currency: string } | null;
  termEndsAt: Date;
  outlivesLicense: boolean;
  confirmation: Confirmation;
}

function money(p: { amount: number; currency: string }): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: p.currency }).format(p.amount);
}

export function addOnTermOffer(
  license: { id: string; expiresAt: Date | null },
  addOn: { productId: number; name: string },
  days: AddOnDays,
  price: { amount: number; currency: string } | null,
  now: Date,
): AddOnTermOffer {
  const termEndsAt = new Date(now.getTime() + days * DAY_MS);
  // By calendar day (UTC): an add-on bought with its license ends the same day, seconds later, and
  // that is "ends with its license", not "outlives it".
  const outlivesLicense = license.expiresAt !== null && day(termEndsAt) > day(license.expiresAt);
  const label = days === 365 ? "1 year" : "30 days";
  const priceText = price ? money(price) : "the price Sectigo charges (no sell price is set)";
  const warning = outlivesLicense
    ? ` This term outlives its license, which ends on ${dateText.format(license.expiresAt!)}: an add-on cannot be used without its license, so renew the license too or choose a shorter term.`
    : license.expiresAt
      ? ` Its license runs until ${dateText.format(license.expiresAt)}.`
      : "";
  return {
    days,
    label,
    price,
    termEndsAt,
    outlivesLicense,
    confirmation: {
      kind: "add-on",
      key: `add-on:${license.id}:${addOn.productId}:${days}:${price ? price.amount.toFixed(2) + price.currency : "unpriced"}:${day(termEndsAt)}:${license.expiresAt ? day(license.expiresAt) : "none"}`,
      message: `Order ${addOn.name} for ${label} at ${priceText}? Its term ends on ${dateText.format(termEndsAt)}.${warning} Sectigo debits the reseller account.`,
    },
  };
}

/**
 * The term offered first: the longest that ends with its license (on or before its expiry); when
 * every term outlives it, the license's own term (the question then warns).
 */
export function defaultAddOnDays(offers: readonly Pick<AddOnTermOffer, "days" | "outlivesLicense">[], licenseTermDays: number | null): AddOnDays | undefined {
  const fitting = offers.filter((o) => !o.outlivesLicense).sort((a, b) => b.days - a.days)[0];
  if (fitting) return fitting.days;
  const own = licenseTermDays === 30 ? 30 : 365;
  return offers.find((o) => o.days === own)?.days ?? offers[0]?.days;
}
