/**
 * Fault injection. Rules are set through POST /__sandbox/faults (optionally scoped to a login and/or
 * an endpoint, optionally limited to `times` hits) or per request with the header
 * `X-Sandbox-Fault: <mode>` (+ `X-Sandbox-Latency-Ms`). The header wins over stored rules. Faults
 * are kept in memory only (a restart clears them).
 *
 * - latency:       wait latencyMs, then answer normally
 * - hang:          never answer (the socket stays open until the client gives up or the sandbox closes)
 * - http500/503:   HTTP error page, request not processed
 * - reset:         connection reset, request not processed
 * - malformed:     HTTP 200 with a body no Sectigo client can parse, request not processed
 * - lost-response: the request IS processed (order created, funds debited, state persisted), then
 *                  the connection is reset without any answer
 * - http500-after-processing / malformed-after-processing: the request IS processed, then the answer
 *                  is an HTTP 500 page / an unparseable 200 (a gateway failing after Sectigo acted)
 */
import type { IncomingHttpHeaders } from "node:http";
import { z } from "zod";

export const FAULT_MODES = ["latency", "hang", "http500", "http503", "reset", "malformed", "lost-response", "http500-after-processing", "malformed-after-processing"] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

const MAX_LATENCY_MS = 600_000;

export const faultInput = z.strictObject({
  mode: z.enum(FAULT_MODES),
  loginName: z.string().min(1).max(64).optional(),
  endpoint: z.string().min(1).max(64).optional(),
  latencyMs: z.number().int().min(0).max(MAX_LATENCY_MS).optional(),
  times: z.number().int().min(1).max(1_000_000).optional(),
});
export type FaultInput = z.infer<typeof faultInput>;

export interface FaultRule extends FaultInput {
  id: string;
  hits: number;
}

export interface ActiveFault {
  mode: FaultMode;
  latencyMs: number;
}

const DEFAULT_LATENCY_MS = 1000;

function sameEndpoint(rule: string | undefined, endpoint: string): boolean {
  return rule === undefined || rule.replace(/^!/, "").toLowerCase() === endpoint.toLowerCase();
}

export class FaultRegistry {
  private rules: FaultRule[] = [];
  private counter = 0;

  add(input: FaultInput): FaultRule {
    const rule: FaultRule = { ...input, id: `fault-${++this.counter}`, hits: 0 };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, consuming one of a rule's `times`. */
  pick(headers: IncomingHttpHeaders, endpoint: string, loginName: string | undefined): ActiveFault | undefined {
    const latencyHeader = Number(headers["x-sandbox-latency-ms"] ?? NaN);
    // Same bound as a stored rule; anything else (negative, huge, not a number) is ignored.
    const headerLatency = latencyHeader >= 0 && latencyHeader <= MAX_LATENCY_MS ? latencyHeader : NaN;
    const header = headers["x-sandbox-fault"];
    const headerMode = (Array.isArray(header) ? header[0] : header)?.trim();
    if (headerMode && (FAULT_MODES as readonly string[]).includes(headerMode)) {
      return { mode: headerMode as FaultMode, latencyMs: Number.isFinite(headerLatency) ? headerLatency : DEFAULT_LATENCY_MS };
    }
    if (Number.isFinite(headerLatency)) return { mode: "latency", latencyMs: headerLatency };
    const rule = this.rules.find(
      (r) => sameEndpoint(r.endpoint, endpoint) && (r.loginName === undefined || r.loginName === loginName),
    );
    if (!rule) return undefined;
    rule.hits++;
    if (rule.times !== undefined && rule.hits >= rule.times) this.remove(rule.id);
    return { mode: rule.mode, latencyMs: rule.latencyMs ?? DEFAULT_LATENCY_MS };
  }
}

/** The "malformed" body: an HTML proxy page cut off mid-stream. */
export const MALFORMED_BODY = "<html><head><title>502 Proxy Error</title></head><body>errorCode\u0000=&&=orderNum";
