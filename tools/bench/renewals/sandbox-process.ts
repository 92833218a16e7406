/**
 * The bench's sandbox in a process of its own (as `npm start` runs it beside the worker), in memory,
 * so its CPU is measured apart from Order Desk's. Reads one JSON line on stdin, `{ adminToken, now }`,
 * prints `listening <url>`, and serves until stdin closes (the bench is done or gone) or SIGTERM.
 */
import readline from "node:readline";
import { startSandbox } from "@/tools/sandbox/server";

const lines = readline.createInterface({ input: process.stdin });
const first = await new Promise<string>((resolve) => lines.once("line", resolve));
const { adminToken, now } = JSON.parse(first) as { adminToken: string; now: string };
const sandbox = await startSandbox({ port: 0, now: new Date(now), adminToken });
console.log(`listening ${sandbox.url}`);
const stop = () => void sandbox.close().finally(() => process.exit(0));
lines.once("close", stop);
process.once("SIGTERM", stop);
