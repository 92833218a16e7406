/** What each scenario measured, and the table the fleet test prints. */
import os from "node:os";
import { percentile } from "./http";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ScenarioResult {
  scenario: string;
  requests: number;
  failures: number;
  orders: string;
  duplicates: number;
  /** Latencies (ms) of the requests through nginx. */
  latencies: number[];
  seconds: number;
  checks: Check[];
  notes?: string[];
}

/** Requests and failures of a scenario, with the latencies of those through nginx. */
export class Tally {
  requests = 0;
  failures = 0;
  latencies: number[] = [];
  failureKinds = new Map<string, number>();

  record(ms: number, ok: boolean, kind?: string, throughNginx = true): void {
    this.requests++;
    if (throughNginx) this.latencies.push(ms);
    if (!ok) {
      this.failures++;
      const k = kind ?? "failed";
      this.failureKinds.set(k, (this.failureKinds.get(k) ?? 0) + 1);
    }
  }

  kinds(): string {
    return [...this.failureKinds].map(([k, n]) => `${n}× ${k}`).join(", ") || "none";
  }
}

export const check = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

export function printTable(results: ScenarioResult[], header: string): void {
  console.log(`\n${header}`);
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const cols = ["scenario", "requests", "failures", "orders", "duplicates", "p50 ms", "p95 ms", "seconds"];
  const widths = [44, 9, 9, 30, 11, 8, 8, 8];
  console.log(cols.map((c, i) => (i === 0 || i === 3 ? pad(c, widths[i]!) : lpad(c, widths[i]!))).join(" | "));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const r of results) {
    const sorted = [...r.latencies].sort((a, b) => a - b);
    const cells = [r.scenario, String(r.requests), String(r.failures), r.orders, String(r.duplicates), percentile(sorted, 50).toFixed(1), percentile(sorted, 95).toFixed(1), r.seconds.toFixed(1)];
    console.log(cells.map((c, i) => (i === 0 || i === 3 ? pad(c, widths[i]!) : lpad(c, widths[i]!))).join(" | "));
  }
  console.log("");
  for (const r of results) {
    for (const c of r.checks) console.log(`${c.ok ? "  ✔" : "  ✖"} [${r.scenario}] ${c.name}: ${c.detail}`);
    for (const n of r.notes ?? []) console.log(`    · [${r.scenario}] ${n}`);
  }
}
