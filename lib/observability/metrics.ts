/**
 * The process's Prometheus metrics (prom-client): one registry per process, kept on globalThis
 * for the same reason as the request context (context.ts): Next bundles its own copy of lib/ and
 * of prom-client, and the metrics a server action counts must be the ones the launcher's metrics
 * server (metrics-server.ts) serves.
 *
 * Labels are closed sets (endpoint names, outcomes, queue names, account ids): never a domain, an
 * email, an order number or anything a person typed.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface Metrics {
  registry: Registry;
  sectigoCallSeconds: Histogram<"endpoint">;
  sectigoCalls: Counter<"endpoint" | "outcome">;
  orders: Counter<"outcome">;
  ordersUnknown: Gauge;
  ordersUnknownOldestSeconds: Gauge;
  queueJobs: Gauge<"queue" | "state">;
  queueOldestReadySeconds: Gauge<"queue">;
  renewalRunItems: Gauge<"run" | "state">;
  workerHeartbeatAgeSeconds: Gauge;
  fundsHeadroom: Gauge<"account" | "currency">;
  fundsCheckedSeconds: Gauge<"account">;
  databaseUp: Gauge;
}

const KEY = Symbol.for("orderdesk.observability.metrics");
type Holder = { [KEY]?: Metrics };

export function metrics(): Metrics {
  const g = globalThis as Holder;
  return (g[KEY] ??= create());
}

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const r = [registry];
  return {
    registry,
    sectigoCallSeconds: new Histogram({
      name: "orderdesk_sectigo_call_duration_seconds",
      help: "Time of each call to Sectigo's API, by endpoint (from sending to the whole answer read).",
      labelNames: ["endpoint"],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: r,
    }),
    sectigoCalls: new Counter({
      name: "orderdesk_sectigo_calls_total",
      help: "Calls to Sectigo's API by endpoint and outcome (SUCCESS, API_ERROR, HTTP_ERROR, TIMEOUT, NETWORK_ERROR, MALFORMED).",
      labelNames: ["endpoint", "outcome"],
      registers: r,
    }),
    orders: new Counter({
      name: "orderdesk_orders_total",
      help: "Orders submitted by this process, by outcome (PLACED, AWAITING_AUTHORIZATION, FAILED, UNKNOWN; ALREADY_SUBMITTED for a repeat).",
      labelNames: ["outcome"],
      registers: r,
    }),
    ordersUnknown: new Gauge({ name: "orderdesk_orders_unknown", help: "Orders whose outcome at Sectigo is not known yet (waiting for reconciliation), read from the database at scrape.", registers: r }),
    ordersUnknownOldestSeconds: new Gauge({ name: "orderdesk_orders_unknown_oldest_age_seconds", help: "Age of the oldest order whose outcome is unknown (0 when none).", registers: r }),
    queueJobs: new Gauge({ name: "orderdesk_queue_jobs", help: "pg-boss jobs not finished, by queue and state (created, retry, active).", labelNames: ["queue", "state"], registers: r }),
    queueOldestReadySeconds: new Gauge({
      name: "orderdesk_queue_oldest_ready_job_age_seconds",
      help: "How long the oldest job that could run has waited for a worker, by queue (0 when none).",
      labelNames: ["queue"],
      registers: r,
    }),
    renewalRunItems: new Gauge({ name: "orderdesk_renewal_run_items", help: "Bulk renewal runs under way: items done and total, by run.", labelNames: ["run", "state"], registers: r }),
    workerHeartbeatAgeSeconds: new Gauge({ name: "orderdesk_worker_heartbeat_age_seconds", help: "Seconds since the freshest job worker heartbeat (-1 when no worker ever beat).", registers: r }),
    fundsHeadroom: new Gauge({
      name: "orderdesk_funds_headroom",
      help: "Per reseller account: available funds + credit limit - (auto-renewals due in 30 days + queued renewals), as of the last funds check this process made.",
      labelNames: ["account", "currency"],
      registers: r,
    }),
    fundsCheckedSeconds: new Gauge({ name: "orderdesk_funds_checked_timestamp_seconds", help: "When the funds headroom of an account was last computed (unix seconds).", labelNames: ["account"], registers: r }),
    databaseUp: new Gauge({ name: "orderdesk_metrics_database_up", help: "1 when the database gauges were read at this scrape, 0 when the database did not answer in time.", registers: r }),
  };
}
