/**
 * `npm run check:drain [-- old]`: the SIGTERM drain behind the real nginx site (deploy/nginx/orderdesk.conf,
 * filled in): two stand-in instances (drain-check/backend.ts, the web server's graceful-http.ts), 8
 * clients POSTing through nginx without pause, instance 1 restarted (SIGTERM, wait for exit, start)
 * three times. Prints the responses by status: with the drain every POST is answered 200; with
 * `old` (SIGTERM as before issue 19) some become 502. About 10 s; needs /usr/sbin/nginx.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { ROOT, inheritedEnv } from "@/tools/launcher/processes";

const DIR = "/tmp/deploy-drain-check";
const NGINX_PORT = 4130;
const PORTS = [4131, 4132];
const old = process.argv.includes("old");

fs.rmSync(DIR, { recursive: true, force: true });
for (const sub of ["static", "tmp"]) fs.mkdirSync(path.join(DIR, sub), { recursive: true });
const site = fs
  .readFileSync(path.join(ROOT, "deploy/nginx/orderdesk.conf"), "utf8")
  .replace("@@LISTEN@@", `127.0.0.1:${NGINX_PORT}`)
  .replace("@@SERVER_NAME@@", "_")
  .replace("@@STATIC_DIR@@", path.join(DIR, "static"))
  .replace("@@UPSTREAM_SERVERS@@", PORTS.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join("\n    "));
fs.writeFileSync(path.join(DIR, "site.conf"), site);
fs.writeFileSync(
  path.join(DIR, "nginx.conf"),
  `daemon off;\npid ${DIR}/nginx.pid;\nerror_log ${DIR}/error.log;\nworker_processes 1;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${DIR}/tmp;\n  proxy_temp_path ${DIR}/tmp;\n  include ${DIR}/site.conf;\n}\n`,
);
const nginx = spawn("/usr/sbin/nginx", ["-p", DIR, "-c", path.join(DIR, "nginx.conf")], { stdio: "inherit" });

function backend(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "tools/launcher/drain-check/backend.ts", String(port), ...(old ? ["old"] : [])], { cwd: ROOT, env: inheritedEnv(), stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) =>
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(`[${port}] ${chunk.toString()}`);
      if (chunk.toString().includes("up")) resolve(child);
    }),
  );
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
function post(): Promise<string> {
  return new Promise((resolve) => {
    const req = http.request({ host: "127.0.0.1", port: NGINX_PORT, path: "/order", method: "POST", agent, headers: { "content-type": "application/x-www-form-urlencoded" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(String(res.statusCode)));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    req.end("x=1");
  });
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

let first = await backend(PORTS[0]!);
const second = await backend(PORTS[1]!);
await pause(500); // nginx starting: its own log says when; half a second is plenty on loopback
const tally: Record<string, number> = {};
let stop = false;
const clients = Array.from({ length: 8 }, async () => {
  while (!stop) {
    const status = await post();
    tally[status] = (tally[status] ?? 0) + 1;
  }
});
for (let i = 0; i < 3; i++) {
  await pause(1500); // load runs between restarts
  const exited = new Promise((r) => first.once("exit", r));
  first.kill("SIGTERM");
  await exited;
  first = await backend(PORTS[0]!);
}
await pause(1500);
stop = true;
await Promise.all(clients);
const failed = Object.entries(tally).filter(([s]) => s !== "200").reduce((n, [, c]) => n + c, 0);
console.log(`${old ? "old SIGTERM" : "drain"}: 3 restarts, POSTs through nginx by status ${JSON.stringify(tally)}, failed ${failed}`);
first.kill("SIGTERM");
second.kill("SIGTERM");
nginx.kill("SIGQUIT");
agent.destroy();
process.exitCode = failed > 0 && !old ? 1 : 0;
