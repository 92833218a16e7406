/**
 * Comparing two load curves "at the same p95" (issue 19 item 4). A closed-loop sweep gives, per
 * concurrency, the throughput and the p95 latency; more clients buy throughput with latency until
 * the system saturates, after which only latency grows. So a configuration's throughput is only
 * meaningful next to a latency bound: "how many lookups a second can it answer while its p95 stays
 * at or under X ms".
 */
export interface SweepPoint {
  concurrency: number;
  rps: number;
  p95Ms: number;
}

/**
 * The most requests a second the curve reaches with p95 <= `p95Ms`: the best measured point under
 * the bound, or between two neighbouring points (by concurrency) that straddle it, the straight
 * line between them at the bound. Null when even the lightest point is over the bound.
 */
export function throughputAtP95(points: readonly SweepPoint[], p95Ms: number): number | null {
  const sorted = [...points].sort((a, b) => a.concurrency - b.concurrency);
  let best: number | null = null;
  const consider = (rps: number) => {
    best = best === null ? rps : Math.max(best, rps);
  };
  for (const [i, point] of sorted.entries()) {
    if (point.p95Ms <= p95Ms) consider(point.rps);
    const next = sorted[i + 1];
    if (next && point.p95Ms <= p95Ms && next.p95Ms > p95Ms) {
      consider(point.rps + ((next.rps - point.rps) * (p95Ms - point.p95Ms)) / (next.p95Ms - point.p95Ms));
    }
  }
  return best;
}

/**
 * Where a curve stops buying throughput with clients: the lightest point that reaches `share` of
 * the curve's best throughput. Its p95 is the bound the comparison is made at: beyond it, one
 * instance only queues.
 */
export function knee(points: readonly SweepPoint[], share = 0.9): SweepPoint {
  if (points.length === 0) throw new Error("knee: no points");
  const sorted = [...points].sort((a, b) => a.concurrency - b.concurrency);
  const peak = Math.max(...sorted.map((p) => p.rps));
  return sorted.find((p) => p.rps >= share * peak)!;
}

export interface SameP95 {
  p95Ms: number;
  base: number | null;
  candidate: number | null;
  /** candidate / base; null when either curve never gets under the bound. */
  ratio: number | null;
}

/** Both curves' throughput at the bound, and their ratio. */
export function compareAtP95(base: readonly SweepPoint[], candidate: readonly SweepPoint[], p95Ms: number): SameP95 {
  const b = throughputAtP95(base, p95Ms);
  const c = throughputAtP95(candidate, p95Ms);
  return { p95Ms, base: b, candidate: c, ratio: b && c !== null ? c / b : null };
}
