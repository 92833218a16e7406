/**
 * The benchmark's own nginx (Debian's package): its config, pid and logs under one folder of its
 * own (never /etc/nginx, never the system's instance). One server block per upstream set, so the
 * same nginx process fronts "one instance" and "two instances" and its CPU is measured the same way.
 */
import fs from "node:fs";
import path from "node:path";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";

export const NGINX_BIN = "/usr/sbin/nginx";

/** Installs Debian's nginx when it is missing (the issue: "installed by the script when missing"). */
export function ensureNginx(log: (line: string) => void): void {
  if (fs.existsSync(NGINX_BIN)) return;
  log("nginx is missing: apt-get install -y nginx ...");
  execFileSync("apt-get", ["install", "-y", "nginx"], { stdio: "inherit" });
}

export interface Frontend {
  /** nginx listens here (127.0.0.1). */
  port: number;
  /** The app instances behind it, round-robin. */
  upstreamPorts: number[];
}

/**
 * One worker process: the benchmark shares 2 cores with the app instances, PostgreSQL and the
 * load generator, and one event loop proxies thousands of small requests a second; a second worker
 * would only compete for the same cores. Keep-alive connections to the upstreams (HTTP/1.1, no
 * Connection header), as a production site would, so no request pays a TCP connect to the app;
 * idle ones closed by nginx before Node's keep-alive timeout closes them under a request.
 * No access log (a disk write per request is not what is measured).
 */
export function nginxConfig(dir: string, frontends: readonly Frontend[]): string {
  const upstreams = frontends
    .map(
      (f, i) => `  upstream lb_${i} {
${f.upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join("\n")}
    keepalive 64;
    keepalive_requests 100000;
    # Shorter than Node's 5 s keepAliveTimeout: nginx closes an idle upstream connection before
    # the instance does, never reusing one the instance is closing (a reset nginx would retry).
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${f.port} reuseport;
    location / {
      proxy_pass http://lb_${i};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }`,
    )
    .join("\n");
  return `worker_processes 1;
pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "error.log")} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${path.join(dir, "client_body")};
  proxy_temp_path ${path.join(dir, "proxy")};
  fastcgi_temp_path ${path.join(dir, "fastcgi")};
  uwsgi_temp_path ${path.join(dir, "uwsgi")};
  scgi_temp_path ${path.join(dir, "scgi")};
  keepalive_requests 100000;
${upstreams}
}
`;
}

export interface Nginx {
  process: ChildProcess;
  pid: number;
  stop(): Promise<void>;
}

/** Writes the config, checks it (nginx -t), and runs nginx in the foreground as this process's child. */
export async function startNginx(dir: string, frontends: readonly Frontend[]): Promise<Nginx> {
  fs.mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(conf, nginxConfig(dir, frontends));
  execFileSync(NGINX_BIN, ["-t", "-q", "-p", dir, "-c", conf], { stdio: "inherit" });
  const child = spawn(NGINX_BIN, ["-p", dir, "-c", conf, "-g", "daemon off;"], { stdio: ["ignore", "inherit", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Ready when every frontend port accepts a connection.
  const deadline = Date.now() + 10_000;
  for (const f of frontends) {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}); see ${path.join(dir, "error.log")}`);
      const up = await fetch(`http://127.0.0.1:${f.port}/`, { signal: AbortSignal.timeout(1000), redirect: "manual" }).then(
        () => true,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline) throw new Error(`nginx did not listen on ${f.port}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    process: child,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGQUIT"); // graceful: the master stops its workers
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
