/**
 * Client overhead benchmark: `npx tsx tools/bench/sectigo/client-overhead.ts [calls]`.
 * Starts the sandbox in-process and, over N calls (default 1,000), times
 *   raw    — a hand-encoded POST + reading the body (the HTTP round trip alone),
 *   client — the same order through the client (encode, send, parse, map, record).
 * Raw and client calls are interleaved so both see the same server/GC conditions.
 * A third pass runs the client against an in-memory fetch to isolate its own CPU cost.
 * Prints p50/p95; asserts nothing.
 */
import { randomUUID } from "node:crypto";
import { startSandbox } from "@/tools/sandbox/server";
import { createSectigoClient } from "@/lib/sectigo/client";
import type { RecordedCall } from "@/lib/sectigo/client";

const CALLS = Number(process.argv[2] ?? 1000);
const WARMUP = 50;
// A throw-away account on the in-process sandbox; the password is made up on each run.
const LOGIN = { loginName: "bench-reseller", loginPassword: randomUUID() };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

function summary(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

function orderInput(i: number) {
  return {
    productCode: 1059,
    days: 365 as const,
    domainName: `bench-${process.pid}-${i}.example`,
    contactEmail: `owner${i}@bench.example`,
    autoRenew: false,
  };
}

function rawBody(i: number): string {
  const o = orderInput(i);
  return new URLSearchParams({
    ...LOGIN,
    product: String(o.productCode),
    days: String(o.days),
    domainName: `raw-${o.domainName}`,
    appRepEmailAddress: `raw-${o.contactEmail}`, // a new customer's e-mail must be unique too (-122)
    enableAutoRenew: "N",
    responseFormat: "1",
  }).toString();
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ port: 0 });
  try {
    const base = sandbox.url.endsWith("/") ? sandbox.url : `${sandbox.url}/`;
    const admin = await fetch(new URL("__sandbox/accounts", base), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${sandbox.adminToken}` },
      body: JSON.stringify({ ...LOGIN, funds: 1_000_000, currency: "USD", creditLimit: 0, siteLockEnabled: true, autoRenewDefault: false }),
    });
    if (!admin.ok) throw new Error(`sandbox account setup failed: HTTP ${admin.status}`);

    const productsUrl = new URL("products/", base);
    const endpoint = new URL("!AutoApplyOrder", productsUrl);
    const records: RecordedCall[] = [];
    const client = createSectigoClient({
      baseUrl: productsUrl.toString(),
      mode: "SANDBOX",
      ...LOGIN,
      recorder: (call) => void records.push(call),
    });

    const raw: number[] = [];
    const viaClient: number[] = [];
    let failures = 0;
    let firstFailure: string | undefined;
    for (let i = 0; i < CALLS + WARMUP; i++) {
      let t = performance.now();
      const res = await fetch(endpoint, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: rawBody(i) });
      const text = await res.text();
      const rawMs = performance.now() - t;
      if (!text.startsWith("errorCode=0")) {
        failures++;
        firstFailure ??= `raw: ${text.slice(0, 120)}`;
      }

      t = performance.now();
      const result = await client.orderSiteLockForNewCustomer(orderInput(i));
      const clientMs = performance.now() - t;
      if (!result.ok) {
        failures++;
        firstFailure ??= `client: ${result.error.domainCode} ${result.error.vendorMessage ?? ""}`;
      }
      if (i >= WARMUP) {
        raw.push(rawMs);
        viaClient.push(clientMs);
      }
    }

    // The client's own CPU cost with the network taken out: an in-memory fetch.
    const canned = "errorCode=0&orderNumber=3040824&totalCost=210.00&expectedDeliveryTime=1&uniqueValue=TnerFu0d";
    const offline = createSectigoClient({
      baseUrl: productsUrl.toString(),
      mode: "SANDBOX",
      ...LOGIN,
      fetch: (async () => new Response(canned)) as typeof fetch,
      recorder: () => undefined,
    });
    const inMemory: number[] = [];
    for (let i = 0; i < CALLS + WARMUP; i++) {
      const t = performance.now();
      await offline.orderSiteLockForNewCustomer(orderInput(i));
      if (i >= WARMUP) inMemory.push(performance.now() - t);
    }

    const r = summary(raw);
    const c = summary(viaClient);
    const m = summary(inMemory);
    console.log(`Sectigo client overhead — ${CALLS} calls to !AutoApplyOrder on the in-process sandbox (${WARMUP} warm-up calls not counted)`);
    console.log(`  raw HTTP round trip : p50 ${fmt(r.p50)}   p95 ${fmt(r.p95)}`);
    console.log(`  through the client  : p50 ${fmt(c.p50)}   p95 ${fmt(c.p95)}`);
    console.log(`  overhead (client − raw): p50 ${fmt(c.p50 - r.p50)}   p95 ${fmt(c.p95 - r.p95)}   (target < 2 ms p50)`);
    console.log(`  client alone, in-memory fetch (encode + parse + map + record): p50 ${fmt(m.p50)}   p95 ${fmt(m.p95)}`);
    console.log(`  recorded calls: ${records.length}; failed calls: ${failures}${firstFailure ? ` (first: ${firstFailure})` : ""}`);
  } finally {
    await sandbox.close();
  }
}

main().catch((err: unknown) => {
  console.error("bench failed:", err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
