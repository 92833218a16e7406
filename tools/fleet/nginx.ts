/**
 * Debian's nginx, round-robin over the app instances, with everything under the run's own prefix dir
 * (config, pid, logs, temp files): never /etc/nginx, never the system's pid file. Installed with
 * apt-get when /usr/sbin/nginx is missing (as root; otherwise the command to run is printed).
 * The site is deploy/nginx/orderdesk.conf when the branch has it (its placeholders filled: the fleet's
 * listen address, upstream servers and static folder), else the equivalent written here.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "@/tools/launcher/processes";
import { basicEnv, startProcess, waitForHttp, type FleetChild } from "./children";

/** Debian's package puts it here. */
export const NGINX = "/usr/sbin/nginx";

export function ensureNginx(log: (line: string) => void): void {
  if (fs.existsSync(NGINX)) return;
  if (process.getuid?.() !== 0) throw new Error(`nginx is missing at ${NGINX}: install it (sudo apt-get install -y nginx)`);
  log("Installing Debian's nginx (apt-get install -y nginx)...");
  const env = { ...basicEnv(), DEBIAN_FRONTEND: "noninteractive" } as unknown as NodeJS.ProcessEnv;
  if (spawnSync("apt-get", ["install", "-y", "-qq", "nginx"], { stdio: "inherit", env }).status !== 0) {
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    if (spawnSync("apt-get", ["install", "-y", "-qq", "nginx"], { stdio: "inherit", env }).status !== 0) throw new Error("apt-get install nginx failed");
  }
}

/** The proxy settings of the site (what deploy/nginx/orderdesk.conf holds, when it is not there). */
const FALLBACK_LOCATION = `
    location / {
      proxy_pass http://orderdesk;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Request-Id $request_id;
      # An instance that refuses the connection (stopped) is skipped, for every method: the request
      # never reached it. A request it took is not sent again (a POST may have placed an order).
      proxy_next_upstream error timeout;
      proxy_read_timeout 120s;
    }`;

function upstreamBlock(ports: number[]): string {
  return `upstream orderdesk {\n${ports.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join("\n")}\n    keepalive 32;\n    # Shorter than the app's keep-alive (5 s): nginx never reuses a connection the instance is closing.\n    keepalive_timeout 4s;\n  }`;
}

/** The site of README "Deploying" (deploy/nginx/orderdesk.conf) with its placeholders filled for the fleet; null when absent. */
function deploySite(port: number, upstreamPorts: number[], staticDir: string): string | null {
  const file = path.join(ROOT, "deploy/nginx/orderdesk.conf");
  if (!fs.existsSync(file)) return null;
  const values: Record<string, string> = {
    LISTEN: `127.0.0.1:${port}`,
    SERVER_NAME: "_",
    UPSTREAM_SERVERS: upstreamPorts.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join("\n    "),
    STATIC_DIR: staticDir,
  };
  const text = fs.readFileSync(file, "utf8").replace(/@@([A-Z_]+)@@/g, (whole, name: string) => values[name] ?? whole);
  const left = /@@[A-Z_]+@@/.exec(text.split("\n").filter((l) => !l.trim().startsWith("#")).join("\n"));
  if (left) throw new Error(`deploy/nginx/orderdesk.conf has a placeholder the fleet does not fill: ${left[0]}`);
  return text;
}

export interface Nginx {
  url: string;
  confFile: string;
  child: FleetChild;
  site: "deploy/nginx/orderdesk.conf" | "tools/fleet/nginx.ts";
  /**
   * Resolves once nginx has sent a request to the instance on `port` and got an answer (its access
   * log says so), asking /signin itself meanwhile. With `max_fails=1 fail_timeout=5s` nginx leaves an
   * instance it saw refuse a connection out of rotation for up to 5 s after it is back: stopping the
   * other one before then leaves "no live upstreams" (502 at once, nothing tried).
   */
  routesTo(port: number, timeoutMs: number): Promise<void>;
  /** Copies a build's client files into the shared static folder (every release's stay, as a deploy keeps them). */
  addStatic(buildDir: string): void;
  stop(): Promise<void>;
}

export async function startNginx(opts: { dir: string; port: number; upstreamPorts: number[]; logDir: string; buildDirs: string[] }): Promise<Nginx> {
  fs.mkdirSync(opts.dir, { recursive: true });
  for (const t of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) fs.mkdirSync(path.join(opts.dir, "tmp", t), { recursive: true, mode: 0o777 });
  const staticDir = path.join(opts.dir, "static");
  fs.mkdirSync(staticDir, { recursive: true });
  const addStatic = (buildDir: string) => fs.cpSync(path.join(buildDir, "static"), staticDir, { recursive: true });
  for (const d of opts.buildDirs) addStatic(d);
  const fromDeploy = deploySite(opts.port, opts.upstreamPorts, staticDir);
  const site = fromDeploy ?? `${upstreamBlock(opts.upstreamPorts)}\n  server {\n    listen 127.0.0.1:${opts.port};${FALLBACK_LOCATION}\n  }`;
  const conf = `# Written by tools/fleet (a throw-away fleet); prefix ${opts.dir}
worker_processes 1;
pid ${opts.dir}/nginx.pid;
error_log ${opts.dir}/error.log warn;
events { worker_connections 2048; }
http {
  log_format fleet '$request_method $uri $status upstream=$upstream_addr rt=$request_time';
  access_log ${opts.dir}/access.log fleet;
  client_body_temp_path ${opts.dir}/tmp/client_body;
  proxy_temp_path ${opts.dir}/tmp/proxy;
  fastcgi_temp_path ${opts.dir}/tmp/fastcgi;
  uwsgi_temp_path ${opts.dir}/tmp/uwsgi;
  scgi_temp_path ${opts.dir}/tmp/scgi;
  client_body_buffer_size 1m;
  client_max_body_size 2m;
  ${site.split("\n").join("\n  ")}
}
`;
  const confFile = path.join(opts.dir, "nginx.conf");
  fs.writeFileSync(confFile, conf);
  const test = spawnSync(NGINX, ["-t", "-p", opts.dir, "-c", confFile], { encoding: "utf8" });
  if (test.status !== 0) throw new Error(`nginx refused its config (${confFile}): ${test.stderr}`);
  const child = startProcess("nginx", NGINX, ["-p", opts.dir, "-c", confFile, "-g", "daemon off;"], basicEnv(), opts.logDir);
  const url = `http://127.0.0.1:${opts.port}`;
  await waitForHttp(`${url}/signin`, 30_000, child);
  return {
    url,
    confFile,
    child,
    site: fromDeploy ? "deploy/nginx/orderdesk.conf" : "tools/fleet/nginx.ts",
    addStatic,
    async routesTo(port, timeoutMs) {
      const accessLog = path.join(opts.dir, "access.log");
      const from = fs.statSync(accessLog).size;
      const deadline = Date.now() + timeoutMs;
      const answered = new RegExp(` [1-4]\\d\\d upstream=(?:[^ ]+, )*127\\.0\\.0\\.1:${port} `);
      while (Date.now() < deadline) {
        const fd = fs.openSync(accessLog, "r");
        const size = fs.fstatSync(fd).size;
        const buffer = Buffer.alloc(size - from);
        fs.readSync(fd, buffer, 0, buffer.length, from);
        fs.closeSync(fd);
        if (answered.test(buffer.toString())) return;
        await fetch(`${url}/signin`).then((r) => r.body?.cancel(), () => {});
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`nginx sent nothing to 127.0.0.1:${port} within ${timeoutMs / 1000} s`);
    },
    async stop() {
      // SIGQUIT: nginx's graceful stop; the group is killed after if it lingers.
      if (child.running()) child.process.kill("SIGQUIT");
      await child.stop(5000);
    },
  };
}
