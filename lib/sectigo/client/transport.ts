/**
 * Sends one form POST to Sectigo with a hard timeout (connect, send and the whole answer) and a
 * size cap on the answer, classifies what happened, records the call exactly once (secrets
 * redacted) and returns a typed result. Never throws for vendor reasons.
 */
import type { OrderContext, RecordedCall, RecordedOutcome, SectigoError, SectigoResult } from "./types";
import type { FormBody } from "./wire/form";
import { errorParts, parseBody, type ParsedBody } from "./wire/response";
import { apiError, transportError, type CallContext } from "./errors/map-error";
import { redactParams, scrub, secretValues } from "./redact";
import { DEFAULT_MAX_RESPONSE_BYTES, readBodyCapped } from "./read-body";
import { observeSectigoCall } from "@/lib/observability/sectigo-calls";

export interface ResolvedConfig {
  baseUrl: URL;
  timeoutMs: number;
  /** Overrides every operation's answer size cap (read-body.ts); tests use a small one. */
  maxResponseBytes?: number;
  fetch: typeof fetch;
  recorder?: (call: RecordedCall) => void | Promise<void>;
  callSlot?: { acquire(): Promise<() => void> };
  logger: (message: string, detail?: Record<string, unknown>) => void;
  orderId?: string;
}

export interface WireCall<T> {
  /** e.g. `!AutoApplyOrder` */
  endpoint: string;
  body: FormBody;
  ctx: CallContext;
  orderContext: OrderContext;
  timeoutMs?: number;
  /** This operation's answer size cap (default DEFAULT_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  /** Turns a success body (status ≥ 0) into the domain value; undefined = malformed. */
  decode: (body: ParsedBody) => T | undefined;
}

/** Failure codes that prove the request never left this machine. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "ERR_INVALID_URL",
  "UND_ERR_CONNECT_TIMEOUT",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

export async function send<T>(config: ResolvedConfig, call: WireCall<T>): Promise<SectigoResult<T>> {
  const entries = call.body.entries();
  const secrets = secretValues(entries);
  const url = new URL(call.endpoint, config.baseUrl);
  // The slot (if any) before the timer: waiting for it is not part of the call's budget.
  const release = config.callSlot ? await config.callSlot.acquire() : undefined;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), call.timeoutMs ?? config.timeoutMs);
  const started = performance.now();

  let httpStatus: number | undefined;
  let text: string | undefined;
  let result: SectigoResult<T>;
  let outcome: RecordedOutcome;
  try {
    const response = await config.fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/plain, application/x-www-form-urlencoded" },
      body: call.body.toString(),
      signal: controller.signal,
      // A redirected POST may be replayed as GET; never follow one blindly.
      redirect: "manual",
    });
    httpStatus = response.status;
    const body = await readBodyCapped(response, config.maxResponseBytes ?? call.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    if (body.cut) {
      // Not parsed, not stored whole: only a short prefix says what answered.
      text = `${body.prefix}\n[cut: the answer exceeded ${body.limit} bytes; the rest was not read]`;
      result = { ok: false, error: transportError({ kind: "malformed", maySent: true, httpStatus: response.status, tooLargeOver: body.limit }, call.ctx) };
      outcome = "MALFORMED";
    } else {
      text = body.text;
      ({ result, outcome } = interpret(call, response.status, text, secrets));
    }
  } catch (err) {
    const timedOut = controller.signal.aborted;
    const sent = timedOut || !provablyNotSent(err);
    const kind = timedOut ? "timeout" : "network";
    const detail = timedOut ? undefined : scrub(describeNetworkError(err), secrets);
    result = { ok: false, error: transportError({ kind, maySent: sent, detail }, call.ctx) };
    outcome = timedOut ? "TIMEOUT" : "NETWORK_ERROR";
  } finally {
    clearTimeout(timer);
    // The exchange is over: the next call may go while this one is recorded.
    release?.();
  }
  const durationMs = performance.now() - started;
  // The log line and metrics of the call: names and numbers only, never the body (secrets live there).
  observeSectigoCall({
    endpoint: call.endpoint,
    operation: call.orderContext.operation,
    outcome,
    durationMs,
    httpStatus,
    errorCode: !result.ok ? result.error.code : undefined,
    orderId: config.orderId,
    foreignOrderNumber: call.orderContext.foreignOrderNumber,
    orderNumber: call.orderContext.orderNumber ?? call.orderContext.previousOrderNumber,
  });

  await record(config, secrets, {
    endpoint: call.endpoint,
    method: "POST",
    request: redactParams(entries),
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    ...(text !== undefined ? { response: scrub(text, secrets) } : {}),
    durationMs,
    outcome,
    ...(!result.ok && result.error.code !== undefined ? { errorCode: result.error.code } : {}),
    orderContext: call.orderContext,
  });
  return result;
}

function interpret<T>(
  call: WireCall<T>,
  status: number,
  text: string,
  secrets: string[],
): { result: SectigoResult<T>; outcome: RecordedOutcome } {
  if (status < 200 || status >= 300) {
    const error = transportError({ kind: "http", maySent: status >= 500, httpStatus: status }, call.ctx);
    return { result: { ok: false, error }, outcome: "HTTP_ERROR" };
  }
  const parsed = parseBody(text);
  if (!parsed) return malformed(call, status);
  if (parsed.status < 0) {
    const parts = errorParts(parsed);
    if (parts.message) parts.message = scrub(parts.message, secrets);
    if (parts.item) parts.item = scrub(parts.item, secrets);
    return { result: { ok: false, error: apiError(parts, call.ctx) }, outcome: "API_ERROR" };
  }
  const value = call.decode(parsed);
  if (value === undefined) return malformed(call, status);
  return { result: { ok: true, value }, outcome: "SUCCESS" };
}

function malformed<T>(call: WireCall<T>, status: number): { result: SectigoResult<T>; outcome: RecordedOutcome } {
  const error: SectigoError = transportError({ kind: "malformed", maySent: true, httpStatus: status }, call.ctx);
  return { result: { ok: false, error }, outcome: "MALFORMED" };
}

function errorCodes(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== "object" || depth > 4) return [];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === "string" ? [e.code] : [];
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => errorCodes(x, depth + 1)) : [];
  return [...own, ...nested, ...errorCodes(e.cause, depth + 1)];
}

function provablyNotSent(err: unknown): boolean {
  const codes = errorCodes(err);
  return codes.length > 0 && codes.every((code) => NOT_SENT_CODES.has(code));
}

function describeNetworkError(err: unknown): string {
  const codes = errorCodes(err);
  const message = err instanceof Error ? err.message : "network error";
  return codes.length ? `${message} (${[...new Set(codes)].join(", ")})` : message;
}

async function record(config: ResolvedConfig, secrets: string[], call: RecordedCall): Promise<void> {
  if (!config.recorder) return;
  try {
    await config.recorder(call);
  } catch (err) {
    // The call's result stands; the failure is reported, never swallowed, never with secrets.
    try {
      config.logger("sectigo: recorder failed", {
        endpoint: call.endpoint,
        outcome: call.outcome,
        orderContext: call.orderContext,
        error: scrub(err instanceof Error ? err.message : String(err), secrets),
      });
    } catch {
      // A broken logger must not break the order flow either.
    }
  }
}
