/**
 * What an order costs, from its lines (the form's cart and the placed order's items alike): the sum of
 * the prices that are known, and the lines that have none. A line without a sell price is named, never
 * silently counted as zero nor allowed to blank the whole total.
 *
 * A line Sectigo bills the customer for (SiteLock through PlaceOrder with reseller=N) is neither: we pay
 * Sectigo nothing for it and Sectigo charges the customer at its own price, so its missing sell price is
 * intended (no "no sell price" warning, no question), and it is named apart.
 */
export interface PriceLine {
  name: string;
  buyPrice: number | null;
  sellPrice: number | null;
  /** Sectigo bills the customer at its own price (reseller=N): we pay nothing and set no sell price. */
  sectigoBills?: boolean;
}

export interface PriceSummary {
  /** Sum of the known sell prices (cents rounded). */
  sell: number;
  /** Sum of the known buy prices (0 for the lines Sectigo bills the customer for). */
  buy: number;
  /** Names of the lines without a sell price of ours that should have one. */
  unpriced: string[];
  /** Names of the lines Sectigo bills the customer for, at its own price. */
  sectigoBills: string[];
  /** Every line has a buy price (the margin means something). */
  buyComplete: boolean;
}

const cents = (n: number) => Math.round(n * 100) / 100;

export function summarisePrices(lines: readonly PriceLine[]): PriceSummary {
  const ours = lines.filter((l) => !l.sectigoBills);
  return {
    sell: cents(ours.reduce((s, l) => s + (l.sellPrice ?? 0), 0)),
    buy: cents(ours.reduce((s, l) => s + (l.buyPrice ?? 0), 0)),
    unpriced: ours.filter((l) => l.sellPrice === null).map((l) => l.name),
    sectigoBills: lines.filter((l) => l.sectigoBills).map((l) => l.name),
    buyComplete: ours.every((l) => l.buyPrice !== null),
  };
}
