/**
 * The web server's command line (web-server.ts has the server):
 *   node --import tsx tools/launcher/next-server.ts [--dev] --port 3000 --host 127.0.0.1
 * The launcher starts it (`npm start`, `npm run dev`), with the environment it prepared.
 * A deployment starts serve.ts instead (`npm run serve`), which checks its environment and build first.
 */
import { parseArgs } from "node:util";
import { startWebServer } from "@/tools/launcher/web-server";

const { values } = parseArgs({
  options: { dev: { type: "boolean", default: false }, port: { type: "string" }, host: { type: "string" } },
});
await startWebServer({ dev: values.dev ?? false, port: Number(values.port), host: values.host ?? "127.0.0.1" });
