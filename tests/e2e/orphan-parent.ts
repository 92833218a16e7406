/**
 * A launcher in a few lines for orphaned-server.spec.ts: the production web server (the e2e build)
 * started the way `npm start` starts it (tools/launcher/processes.ts), with no database behind it
 * (a page that needs none answers), then this process waits to be killed.
 */
import { nextServerChild, startChild, waitForHttp } from "@/tools/launcher/processes";

const port = Number(process.env.ORPHAN_PORT);
const child = startChild(
  "web",
  nextServerChild("--port", String(port), "--host", "127.0.0.1"),
  {
    DATABASE_URL: "postgresql://nobody:unused@127.0.0.1:1/none",
    NEXTAUTH_SECRET: "orphaned-server-spec-secret-not-used-for-anything",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    CREDENTIALS_KEY: Buffer.alloc(32, 7).toString("base64"),
    SECTIGO_SANDBOX_URL: "http://127.0.0.1:1/products/",
    APP_CLOCK: "machine",
    NEXT_DIST_DIR: ".next-e2e",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  },
  { quiet: true },
);
await waitForHttp(`http://127.0.0.1:${port}/signin`, 60_000, child);
console.log(`child ${child.process.pid}`);
setInterval(() => {}, 60_000);
