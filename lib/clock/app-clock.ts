/**
 * The process's clock (web app and job worker alike), chosen by APP_CLOCK (lib/env.ts):
 * - "machine" (default, LIVE): this machine's time; nothing is ever fetched;
 * - "sandbox": the Sectigo sandbox's clock at SECTIGO_SANDBOX_URL (sandbox-clock.ts), so moving the
 *   sandbox's clock (POST /__sandbox/clock) moves time for the whole system.
 */
import { serverEnv } from "@/lib/env";
import { machineNow, type Now } from "./clock";
import { SandboxClock } from "./sandbox-clock";

let sandbox: { url: string; clock: SandboxClock } | undefined;

/** A synchronous clock for one request or job (`deps.now`): read once, then followed locally. */
export async function appClock(): Promise<Now> {
  const env = serverEnv();
  if (env.APP_CLOCK !== "sandbox") return machineNow;
  const url = new URL("/health", env.SECTIGO_SANDBOX_URL).href;
  if (sandbox?.url !== url) sandbox = { url, clock: new SandboxClock({ healthUrl: url }) };
  return sandbox.clock.clock();
}

/** The app's time now, for a page or query that computes a status or a window. */
export async function appNow(): Promise<Date> {
  return (await appClock())();
}

/** Tests: the next read asks the sandbox now, instead of after the reading's second. */
export function forgetAppClockReading(): void {
  sandbox = undefined;
}
