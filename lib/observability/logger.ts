/**
 * The process's JSON logger (pino): one line per event, each with the request id of the request or
 * job it runs for (context.ts). Silent until the process's entry point calls `configureLogging`
 * (next-server.ts, worker-cli.ts): tests and benchmarks that drive the same code stay quiet, and a
 * test passes its own destination to read the lines back.
 *
 * Secrets: the callers log only fields they chose (endpoint, outcome, ids), never a request body or
 * a config object; the redact list below is a second line, for a field someone adds by mistake.
 */
import pino, { type DestinationStream, type Logger } from "pino";
import { currentRequestContext } from "./context";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Field names whose values never reach a log line, at the top level or one object down. */
const SECRET_FIELDS = ["password", "loginPassword", "secret", "token", "authorization", "cookie", "credentialsKey", "apiKey"];
const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]);

export interface LoggingOptions {
  level?: LogLevel;
  /** Where lines go (default: stdout, synchronously). */
  destination?: DestinationStream;
  /** Fixed fields on every line, e.g. { service: "web" }. */
  base?: Record<string, unknown>;
}

const KEY = Symbol.for("orderdesk.observability.logger");
type Holder = { [KEY]?: Logger };

function build(options: LoggingOptions): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { pid: process.pid, ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not numbers: a person reads these lines in a terminal too.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: "[REDACTED]" },
      mixin() {
        const ctx = currentRequestContext();
        if (!ctx) return {};
        return ctx.job ? { requestId: ctx.requestId, queue: ctx.job.queue, jobId: ctx.job.id } : { requestId: ctx.requestId };
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Sets this process's logger (again: a test swaps the destination). */
export function configureLogging(options: LoggingOptions = {}): Logger {
  const logger = build(options);
  (globalThis as Holder)[KEY] = logger;
  return logger;
}

const SILENT = pino({ level: "silent" });

/** The process's logger; a silent one until `configureLogging` ran. */
export function log(): Logger {
  return (globalThis as Holder)[KEY] ?? SILENT;
}
