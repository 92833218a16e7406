/**
 * The /metrics endpoint on its own port (METRICS_PORT), bound to 127.0.0.1 unless METRICS_HOST says
 * otherwise: not on the app's port, so nginx never exposes it and no token has to be kept; Prometheus
 * scrapes each instance and each worker on its loopback (or private) address. The web server and the
 * worker each start one (tools/launcher/next-server.ts, lib/jobs/worker-cli.ts).
 *
 * With `db`, each scrape first reads the database gauges (database-gauges.ts); give it to one kind
 * of process or to all: the numbers are the same from every instance (Prometheus: max by ()).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { refreshDatabaseGauges, type GaugeDb } from "./database-gauges";
import { log } from "./logger";
import { metrics } from "./metrics";

export interface MetricsServerOptions {
  port: number;
  host?: string;
  db?: GaugeDb;
}

export interface MetricsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The text Prometheus reads (the database gauges refreshed first when `db` is given). */
export async function metricsText(db?: GaugeDb): Promise<{ contentType: string; body: string }> {
  if (db) await refreshDatabaseGauges(db);
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

export function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  const host = opts.host ?? "127.0.0.1";
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" || path !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found: GET /metrics\n");
      return;
    }
    metricsText(opts.db).then(
      ({ contentType, body }) => res.writeHead(200, { "content-type": contentType }).end(body),
      (error: unknown) => {
        log().error({ msg: "metrics scrape failed", error: error instanceof Error ? error.message : String(error) });
        res.writeHead(500, { "content-type": "text/plain" }).end("metrics failed\n");
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, host, () => {
      server.off("error", reject);
      const { port } = server.address() as AddressInfo;
      const shown = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${port}/metrics`,
        port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
