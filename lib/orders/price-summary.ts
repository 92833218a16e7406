/**
 * What an order costs, from its lines (the form's cart and the placed order's items alike): the sum of
 * the prices that are known, and the lines that have none. A line without a sell price is named, never
 * silently counted as zero nor allowed to blank the whole total.
 */
export interface PriceLine {
  name: string;
  buyPrice: number | null;
  sellPrice: number | null;
}

export interface PriceSummary {
  /** Sum of the known sell prices (cents rounded). */
  sell: number;
  /** Sum of the known buy prices. */
  buy: number;
  /** Names of the lines without a sell price. */
  unpriced: string[];
  /** Every line has a buy price (the margin means something). */
  buyComplete: boolean;
}

const cents = (n: number) => Math.round(n * 100) / 100;

export function summarisePrices(lines: readonly PriceLine[]): PriceSummary {
  return {
    sell: cents(lines.reduce((s, l) => s + (l.sellPrice ?? 0), 0)),
    buy: cents(lines.reduce((s, l) => s + (l.buyPrice ?? 0), 0)),
    unpriced: lines.filter((l) => l.sellPrice === null).map((l) => l.name),
    buyComplete: lines.every((l) => l.buyPrice !== null),
  };
}
