/**
 * `npm run sandbox` (the CLI): the admin token comes from SANDBOX_ADMIN_TOKEN (set by `npm start`),
 * or, alone, is generated once into `<data dir>/admin-token` (0600). The CLI prints the file's path,
 * never the token.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts the CLI on a random port; resolves once it has printed its URL and where its token is. */
function startCli(extraEnv: Record<string, string>): Promise<{ url: string; output: () => string; dataDir: string; stop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-cli-"));
  dirs.push(dataDir);
  const env: NodeJS.ProcessEnv = { ...process.env, SANDBOX_PORT: "0", SANDBOX_DATA_DIR: dataDir, SANDBOX_DEMO: "0", ...extraEnv };
  if (!("SANDBOX_ADMIN_TOKEN" in extraEnv)) delete env.SANDBOX_ADMIN_TOKEN;
  const child = spawn(process.execPath, ["--import", "tsx", "tools/sandbox/cli.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url && /Admin API token[^\n]*\n/.test(output)) resolve({ url, dataDir, output: () => output, stop: async () => void (child.kill("SIGTERM"), await exited) });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then(() => reject(new Error(`sandbox CLI exited early: ${output}`)));
  });
}

const clock = (url: string, token?: string) =>
  fetch(`${url}/__sandbox/clock`, { headers: token ? { authorization: `Bearer ${token}` } : {} }).then((r) => r.status);

describe.concurrent("sandbox CLI admin token", () => {
  it("alone: generates the token into <data dir>/admin-token (0600), prints the path, not the token", async () => {
    const cli = await startCli({});
    try {
      const file = path.join(cli.dataDir, "admin-token");
      expect(cli.output()).toContain(file);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const token = fs.readFileSync(file, "utf8").trim();
      expect(token.length).toBeGreaterThanOrEqual(32);
      expect(cli.output()).not.toContain(token);
      expect(await clock(cli.url)).toBe(401);
      expect(await clock(cli.url, token)).toBe(200);
    } finally {
      await cli.stop();
    }
  });

  it("started by the launcher: uses SANDBOX_ADMIN_TOKEN and writes no token file", async () => {
    const token = "launcher-given-token-0123456789abcdef";
    const cli = await startCli({ SANDBOX_ADMIN_TOKEN: token });
    try {
      expect(await clock(cli.url, token)).toBe(200);
      expect(await clock(cli.url, "launcher-given-token-0123456789abcdeX")).toBe(401);
      expect(fs.existsSync(path.join(cli.dataDir, "admin-token"))).toBe(false);
      expect(cli.output()).not.toContain(token);
    } finally {
      await cli.stop();
    }
  });
});
