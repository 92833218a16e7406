/**
 * `npm run sandbox` — runs the Sectigo sandbox alone.
 * Env: SANDBOX_PORT (4010), SANDBOX_HOST (127.0.0.1), SANDBOX_DATA_DIR (.data/sandbox),
 * SANDBOX_DEMO ("1" = seed the demo world on first start), SANDBOX_DEMO_ANCHOR (ISO date; default
 * today midnight UTC), SANDBOX_LOG ("1" = one line per call; passwords are never logged),
 * SANDBOX_ADMIN_TOKEN (the admin API's token; `npm start` passes the one of the local secrets).
 * Without SANDBOX_ADMIN_TOKEN the token is kept in `<data dir>/admin-token` (0600, created once);
 * only the file's path is printed, never the token.
 */
import path from "node:path";
import { anchorDay } from "../demo-world/demo-data";
import { checkAdminToken, loadOrCreateAdminToken } from "./admin/admin-token";
import { startSandbox } from "./server";

function envDate(name: string): Date | undefined {
  const value = process.env[name];
  if (!value) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`${name} is not a valid ISO date: ${value}`);
  return date;
}

async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`SANDBOX_PORT is not a port: ${process.env.SANDBOX_PORT}`);
  const dataDir = path.resolve(process.env.SANDBOX_DATA_DIR || ".data/sandbox");
  const given = process.env.SANDBOX_ADMIN_TOKEN;
  const admin = given ? { token: checkAdminToken(given, "SANDBOX_ADMIN_TOKEN"), file: undefined } : loadOrCreateAdminToken(dataDir);
  const sandbox = await startSandbox({
    port,
    host: process.env.SANDBOX_HOST || "127.0.0.1",
    dataDir,
    adminToken: admin.token,
    demo: (process.env.SANDBOX_DEMO ?? "1") !== "0",
    demoAnchor: envDate("SANDBOX_DEMO_ANCHOR") ?? anchorDay(new Date()),
    log: process.env.SANDBOX_LOG === "1" ? (line) => console.log(`[sandbox] ${line}`) : undefined,
  });
  console.log(`Sectigo sandbox listening on ${sandbox.url}`);
  console.log(
    admin.file
      ? `Admin API token (Authorization: Bearer …) is in ${admin.file}`
      : "Admin API token (Authorization: Bearer …) is the one given in SANDBOX_ADMIN_TOKEN",
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Sectigo sandbox stopping (${signal})`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`Sectigo sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
