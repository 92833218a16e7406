import { describe, expect, it } from "vitest";
import { compareAtP95, knee, throughputAtP95, type SweepPoint } from "@/tools/bench/http/throughput/same-p95";

const one: SweepPoint[] = [
  { concurrency: 1, rps: 100, p95Ms: 12 },
  { concurrency: 4, rps: 260, p95Ms: 25 },
  { concurrency: 8, rps: 290, p95Ms: 45 },
  { concurrency: 16, rps: 295, p95Ms: 90 },
];
const two: SweepPoint[] = [
  { concurrency: 1, rps: 95, p95Ms: 13 },
  { concurrency: 4, rps: 300, p95Ms: 20 },
  { concurrency: 8, rps: 420, p95Ms: 35 },
  { concurrency: 16, rps: 460, p95Ms: 60 },
];

describe("throughput at the same p95 (tools/bench/http/throughput/same-p95.ts)", () => {
  it("takes the line between the two points that straddle the bound", () => {
    // Between c=8 (420 @ 35 ms) and c=16 (460 @ 60 ms): at 45 ms, 420 + 40 * 10/25 = 436.
    expect(throughputAtP95(two, 45)).toBeCloseTo(436, 6);
  });

  it("is a measured point when one sits exactly on the bound, and never a point over it", () => {
    expect(throughputAtP95(one, 45)).toBe(290);
    expect(throughputAtP95(one, 90)).toBe(295);
    expect(throughputAtP95(one, 1000)).toBe(295);
  });

  it("is null when even one client is over the bound", () => {
    expect(throughputAtP95(one, 10)).toBeNull();
  });

  it("keeps the best point under the bound when a heavier point came back faster (noise)", () => {
    const noisy: SweepPoint[] = [
      { concurrency: 2, rps: 200, p95Ms: 20 },
      { concurrency: 4, rps: 300, p95Ms: 50 },
      { concurrency: 8, rps: 280, p95Ms: 30 },
    ];
    // c=2 -> c=4 straddles 40 ms: 200 + 100 * 20/30 = 266.7; c=8 itself is under the bound: 280.
    expect(throughputAtP95(noisy, 40)).toBe(280);
  });

  it("finds the knee: the lightest point reaching 90% of the peak", () => {
    expect(knee(one)).toEqual(one[2]);
    expect(knee(one, 0.8)).toEqual(one[1]);
  });

  it("compares two curves at one bound", () => {
    const at = compareAtP95(one, two, 45);
    expect(at.base).toBe(290);
    expect(at.candidate).toBeCloseTo(436, 6);
    expect(at.ratio).toBeCloseTo(436 / 290, 6);
    expect(compareAtP95(one, two, 5).ratio).toBeNull();
  });
});
