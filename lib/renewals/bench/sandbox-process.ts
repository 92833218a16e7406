/**
 * The bench's sandbox in a process of its own (as `npm start` runs it beside the worker), in memory,
 * so its CPU is measured apart from Order Desk's. Env: BENCH_SANDBOX_TOKEN (admin token),
 * BENCH_SANDBOX_NOW (initial clock, ISO). Prints one line, `listening <url>`, then serves until stopped.
 */
import { startSandbox } from "@/lib/sectigo/sandbox/server";

const token = process.env.BENCH_SANDBOX_TOKEN;
const now = process.env.BENCH_SANDBOX_NOW;
if (!token || !now) throw new Error("BENCH_SANDBOX_TOKEN and BENCH_SANDBOX_NOW are required");
const sandbox = await startSandbox({ port: 0, now: new Date(now), adminToken: token });
console.log(`listening ${sandbox.url}`);
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void sandbox.close().finally(() => process.exit(0)));
