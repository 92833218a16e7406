/**
 * Public types of the Sectigo client. Everything here is in Order Desk's vocabulary
 * (camelCase, numbers, Dates); Sectigo's wire names live only in `wire/fields.ts`.
 */
import type { SectigoErrorCode } from "./errors/codes";

export type SectigoMode = "SANDBOX" | "LIVE";

/** The operations this client performs; also the `operation` of every error and recorded call. */
export type SectigoOperation =
  | "autoApplyOrder"
  | "placeOrder"
  | "autoAuthorize"
  | "autoReject"
  | "autoRefund"
  | "modifyThirdPartyDetails"
  | "webHostReport"
  | "getAccountBalance";

export interface SectigoClientConfig {
  /** The `/products/` root, e.g. `https://secure.trust-provider.com/products/`. */
  baseUrl: string;
  mode: SectigoMode;
  loginName: string;
  loginPassword: string;
  /** Per-call budget for connect + send + full response body. Default 30 000 ms. */
  timeoutMs?: number;
  /**
   * Overrides, for every operation, the cap on an answer's size (defaults: 1 MiB, WebHostReport
   * pages 8 MiB; client/read-body.ts). A larger answer is cut while it streams in and the call
   * fails as malformed: nothing past the cap is read or parsed, and only a short prefix is recorded.
   */
  maxResponseBytes?: number;
  /** Called exactly once per HTTP request sent, with secrets already redacted. */
  recorder?: (call: RecordedCall) => void | Promise<void>;
  fetch?: typeof fetch;
  /**
   * A slot to hold for each HTTP exchange and nothing else (bounded concurrency towards Sectigo):
   * taken before the call's timer starts, so waiting for it never counts as a timeout, and given
   * back once the answer's body is read, before the call is recorded.
   */
  callSlot?: { acquire(): Promise<() => void> };
  /** Where recorder failures are reported (never with secrets). Defaults to console.error. */
  logger?: (message: string, detail?: Record<string, unknown>) => void;
  /** Our order this client acts for, named on each call's log line (lib/observability/sectigo-calls.ts). */
  orderId?: string;
}

export type RecordedOutcome =
  | "SUCCESS"
  | "API_ERROR"
  | "HTTP_ERROR"
  | "TIMEOUT"
  | "NETWORK_ERROR"
  | "MALFORMED";

/** What the caller may want to find an audit row by (never secrets). */
export interface OrderContext {
  operation: SectigoOperation;
  variant?: string;
  orderNumber?: string;
  previousOrderNumber?: string;
  foreignOrderNumber?: string;
  domainName?: string;
  testMode?: boolean;
}

export interface RecordedCall {
  /** Endpoint name as on the wire, e.g. `!AutoApplyOrder`. */
  endpoint: string;
  method: "POST";
  /** Form body with every `*password*` value replaced by "[REDACTED]". */
  request: Record<string, string>;
  httpStatus?: number;
  /** Raw response body with any secret that was sent scrubbed out. */
  response?: string;
  durationMs: number;
  outcome: RecordedOutcome;
  errorCode?: number;
  orderContext?: OrderContext;
}

export type SectigoErrorKind = "api" | "timeout" | "network" | "http" | "malformed" | "validation";

export interface SectigoError {
  kind: SectigoErrorKind;
  /** Sectigo's `errorCode` when kind = "api". */
  code?: number;
  domainCode: SectigoErrorCode;
  /** What the documents say the condition means. */
  meaning: string;
  /** A sentence the user can act on. */
  userMessage: string;
  /**
   * The wire parameters the error concerns, spelled as Sectigo spells them (`appRepEmailAddress`,
   * `1_dcvEmailAddress`): the one Sectigo named (PlaceOrder's `errorItem`, or quoted in the message),
   * else the ones its code is documented to concern (-122: the domain or the e-mail, so two); for a
   * client-side refusal, the one the client would have sent. Data, not a sentence: the catalog turns
   * them into form fields (lib/catalog/wire-parameters.ts).
   */
  parameters?: string[];
  /** Sectigo's own text, secrets scrubbed. */
  vendorMessage?: string;
  httpStatus?: number;
  operation: SectigoOperation;
  /**
   * True when Sectigo may have acted on the request (order placed / refund done) although we got
   * no usable answer. The caller must mark the order UNKNOWN and reconcile (e.g. webHostReport by
   * foreignOrderNumber) instead of retrying.
   */
  mayHavePlaced: boolean;
  /** True only when retrying cannot duplicate anything (rate limit, refused connection). */
  retryable: boolean;
}

export type SectigoResult<T> = { ok: true; value: T } | { ok: false; error: SectigoError };

/** Options every operation accepts. */
export interface CallOptions {
  /** Extra context copied into the recorded call (e.g. Order Desk's own order id). */
  context?: Partial<Omit<OrderContext, "operation">>;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
}
