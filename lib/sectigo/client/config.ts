/** Validates the client configuration once, at construction. */
import type { SectigoClientConfig } from "./types";
import type { ResolvedConfig } from "./transport";
import { REDACTED } from "./redact";

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Thrown only at construction, for a configuration that can never work. Never carries secrets. */
export class SectigoConfigError extends Error {
  override name = "SectigoConfigError";
}

export function resolveConfig(config: SectigoClientConfig): ResolvedConfig & { loginName: string; loginPassword: string } {
  let url: URL;
  try {
    url = new URL(config.baseUrl);
  } catch {
    throw new SectigoConfigError("Sectigo baseUrl is not a valid URL.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new SectigoConfigError(`Sectigo baseUrl must use https: (got ${url.protocol}).`);
  }
  if (config.mode !== "LIVE" && config.mode !== "SANDBOX") {
    throw new SectigoConfigError('Sectigo mode must be "SANDBOX" or "LIVE".');
  }
  if (config.mode === "LIVE" && url.protocol !== "https:") {
    throw new SectigoConfigError("Sectigo LIVE mode requires an https: baseUrl (Sectigo rejects plain HTTP with -1).");
  }
  if (url.username || url.password) throw new SectigoConfigError("Sectigo baseUrl must not contain credentials.");
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  if (!config.loginName?.trim()) throw new SectigoConfigError("Sectigo loginName is required.");
  if (!config.loginPassword) throw new SectigoConfigError("Sectigo loginPassword is required.");
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new SectigoConfigError("Sectigo timeoutMs must be a positive number.");
  const { maxResponseBytes } = config;
  if (maxResponseBytes !== undefined && !(Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0)) {
    throw new SectigoConfigError("Sectigo maxResponseBytes must be a positive whole number.");
  }

  const resolved: ResolvedConfig & { loginName: string; loginPassword: string } = {
    baseUrl: url,
    timeoutMs,
    fetch: config.fetch ?? globalThis.fetch.bind(globalThis),
    logger: config.logger ?? ((message, detail) => console.error(message, detail ?? {})),
    loginName: config.loginName,
    loginPassword: config.loginPassword,
  };
  if (maxResponseBytes !== undefined) resolved.maxResponseBytes = maxResponseBytes;
  if (config.recorder) resolved.recorder = config.recorder;
  if (config.callSlot) resolved.callSlot = config.callSlot;
  if (config.orderId) resolved.orderId = config.orderId;
  return resolved;
}

/** A config safe to log or serialise. */
export function redactConfig(config: SectigoClientConfig): Record<string, unknown> {
  return {
    baseUrl: config.baseUrl,
    mode: config.mode,
    loginName: config.loginName,
    loginPassword: REDACTED,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    recorder: config.recorder ? "[function]" : undefined,
    callSlot: config.callSlot ? "[limiter]" : undefined,
  };
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * Wraps a config so that logging or serialising it cannot leak the password: the password is
 * non-enumerable, and toJSON / toString / util.inspect show the redacted form.
 */
export function sectigoConfig(config: SectigoClientConfig): SectigoClientConfig {
  const { loginPassword, ...rest } = config;
  const safe = { ...rest } as SectigoClientConfig;
  Object.defineProperty(safe, "loginPassword", { value: loginPassword, enumerable: false });
  const view = () => redactConfig(config);
  Object.defineProperties(safe, {
    toJSON: { value: view, enumerable: false },
    toString: { value: () => `SectigoClientConfig(${JSON.stringify(view())})`, enumerable: false },
    [INSPECT]: { value: view, enumerable: false },
  });
  return safe;
}
