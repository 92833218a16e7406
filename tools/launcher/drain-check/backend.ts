/**
 * A stand-in web instance for drain-check.ts: node:http with the web server's drain
 * (graceful-http.ts) on SIGTERM, each POST answered after 150 ms (an action in flight).
 *   node --import tsx tools/launcher/drain-check/backend.ts <port> [old]
 * "old": SIGTERM does what the web server did before issue 19 (close + closeAllConnections).
 */
import http from "node:http";
import { gracefulHttp } from "@/tools/launcher/graceful-http";

const port = Number(process.argv[2]);
const old = process.argv[3] === "old";
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => setTimeout(() => res.end(`ok ${port}\n`), 150));
});
server.keepAliveTimeout = 5_000;
const graceful = gracefulHttp(server);
server.listen(port, "127.0.0.1", () => console.log(`up ${port}`));
process.on("SIGTERM", () => {
  if (old) {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  }
  void graceful.drain(10_000).then((result) => {
    console.log(`drained ${port} ${JSON.stringify(result)}`);
    process.exit(0);
  });
});
