import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { WEB_SERVER_NODE_FLAGS } from "@/tools/launcher/processes";

/**
 * deploy/: the nginx site and the systemd units README "Deploying" installs.
 *
 * deploy/nginx/orderdesk.conf is what README "Deploying" tells you to install and what the fleet
 * test fills and runs: its placeholders filled, Debian's nginx must accept it (`nginx -t`).
 */
const NGINX = "/usr/sbin/nginx";
const TEMPLATE = path.resolve(import.meta.dirname, "../../deploy/nginx/orderdesk.conf");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function fillNginxTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/@@([A-Z_]+)@@/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for @@${name}@@`);
    return value;
  });
}

describe("deploy/nginx/orderdesk.conf", () => {
  const template = fs.readFileSync(TEMPLATE, "utf8");

  it("names its placeholders in its header, and uses no other", () => {
    const used = new Set([...template.matchAll(/@@([A-Z_]+)@@/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(["LISTEN", "SERVER_NAME", "STATIC_DIR", "UPSTREAM_SERVERS"]);
  });

  it("never lets nginx send a POST to a second instance, and passes the request id and client address on", () => {
    expect(template).toMatch(/^\s*proxy_next_upstream error timeout;/m);
    expect(template).not.toMatch(/^\s*proxy_next_upstream .*non_idempotent/m);
    expect(template).toMatch(/proxy_set_header X-Request-Id \$request_id;/);
    expect(template).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
    // nginx must close idle upstream connections before the app does (5 s).
    expect(Number(/keepalive_timeout (\d+)s;/.exec(template)?.[1])).toBeLessThan(5);
  });

  it.skipIf(!fs.existsSync(NGINX))("is accepted by nginx -t once filled in", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-nginx-"));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, "static"));
    const site = fillNginxTemplate(template, {
      LISTEN: "127.0.0.1:4199",
      SERVER_NAME: "_",
      UPSTREAM_SERVERS: "server 127.0.0.1:4191 max_fails=1 fail_timeout=5s;\n    server 127.0.0.1:4192 max_fails=1 fail_timeout=5s;",
      STATIC_DIR: path.join(dir, "static"),
    });
    fs.writeFileSync(path.join(dir, "orderdesk.conf"), site);
    fs.writeFileSync(
      path.join(dir, "nginx.conf"),
      `daemon off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${dir}/tmp;\n  include ${dir}/orderdesk.conf;\n}\n`,
    );
    const result = spawnSync(NGINX, ["-t", "-p", dir, "-c", path.join(dir, "nginx.conf")], { encoding: "utf8" });
    expect(result.stderr).toMatch(/syntax is ok/);
    expect(result.status, result.stderr).toBe(0);
  });
});

describe("deploy/systemd units", () => {
  const ANALYZE = "/usr/bin/systemd-analyze";
  const UNITS = path.resolve(import.meta.dirname, "../../deploy/systemd");

  it("stop with SIGTERM and wait longer than the drain (DRAIN_TIMEOUT_MS default 40 s) before SIGKILL", () => {
    for (const name of ["orderdesk-web@.service", "orderdesk-worker@.service"]) {
      const unit = fs.readFileSync(path.join(UNITS, name), "utf8");
      expect(unit, name).toMatch(/^KillSignal=SIGTERM$/m);
      expect(Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1]), name).toBeGreaterThan(40);
      expect(unit, name).toMatch(/^EnvironmentFile=\/etc\/orderdesk\/orderdesk\.env$/m);
      // npm does not pass SIGTERM on: the units start node itself.
      expect(unit, name).toMatch(/^ExecStart=\/usr\/bin\/node /m);
    }
  });

  it("start the web server with the launcher's node flags (WEB_SERVER_NODE_FLAGS), as package.json's serve does", () => {
    const flagsBefore = (command: string, script: string) => command.slice(0, command.indexOf(script)).split(/\s+/).filter((w) => w.startsWith("--") && w !== "--import");
    const unit = fs.readFileSync(path.join(UNITS, "orderdesk-web@.service"), "utf8");
    expect(flagsBefore(/^ExecStart=(.*)$/m.exec(unit)![1]!, "tsx tools/launcher/serve.ts")).toEqual(WEB_SERVER_NODE_FLAGS);
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(flagsBefore(pkg.scripts.serve!, "tsx tools/launcher/serve.ts")).toEqual(WEB_SERVER_NODE_FLAGS);
  });

  it.skipIf(!fs.existsSync(ANALYZE))("are accepted by systemd-analyze verify", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orderdesk-units-"));
    dirs.push(dir);
    for (const name of fs.readdirSync(UNITS)) fs.copyFileSync(path.join(UNITS, name), path.join(dir, name));
    const result = spawnSync(ANALYZE, ["verify", "--man=no", path.join(dir, "orderdesk-web@3001.service"), path.join(dir, "orderdesk-worker@1.service")], { encoding: "utf8" });
    expect(result.stderr.trim()).toBe("");
    expect(result.status).toBe(0);
  });
});
