/**
 * What the process entry points (tools/launcher/next-server.ts, lib/jobs/worker-cli.ts) wire:
 * the logger, the request wrapper, the metrics server, the draining probe. Everything else imports
 * the file it needs.
 */
export { configureLogging, log, LOG_LEVELS, type LogLevel } from "./logger";
export { withRequestContext, REQUEST_ID_HEADER } from "./request-context";
export { startMetricsServer, metricsText, type MetricsServer } from "./metrics-server";
export { currentRequestId } from "./context";
