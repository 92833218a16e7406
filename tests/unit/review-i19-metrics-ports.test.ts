import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Review of issue 19 (operator path): the metrics servers (METRICS_PORT for a web instance,
 * WORKER_METRICS_PORT for a worker, lib/observability/metrics-server.ts) take ONE port per process,
 * but README "Deploying" never names them and the units read one shared /etc/orderdesk/orderdesk.env
 * for every instance. Set there (the only place the README gives for settings), the second instance
 * on the host dies at start with an unhandled EADDRINUSE stack (seen: orderdesk-web on 4791 and 4792
 * with METRICS_PORT=4795), and systemd gives up after 5 tries; a second worker likewise. The units
 * must give each instance its own port (from %i), and the README must say so.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const unit = (name: string) => fs.readFileSync(path.join(ROOT, "deploy/systemd", name), "utf8");
const deploying = () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  return readme.slice(readme.indexOf("## Deploying"), readme.indexOf("## Security in short"));
};

describe("metrics ports in a deployment of N web instances and M workers on one host", () => {
  it("the web unit gives each instance its own METRICS_PORT (from its instance name)", () => {
    expect(unit("orderdesk-web@.service")).toMatch(/^Environment=.*\bMETRICS_PORT=\S*%i/m);
  });

  it("the worker unit gives each worker its own WORKER_METRICS_PORT (from its instance name)", () => {
    expect(unit("orderdesk-worker@.service")).toMatch(/^Environment=.*\bWORKER_METRICS_PORT=\S*%i/m);
  });

  it("README 'Deploying' names the metrics ports and the readiness endpoint an operator scrapes and waits on", () => {
    const text = deploying();
    expect(text).toContain("METRICS_PORT");
    expect(text).toContain("/api/health/ready");
  });
});
