import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { freePort } from "./helpers";
import { DEMO_PASSWORD } from "@/tools/demo-world/demo-data";

/**
 * `npm run dev` on throw-away data (`--dev --e2e`): one dev server for this file, its whole
 * output captured. Next's dev server is where server actions get logged and where the
 * source-exposing dev routes live. It listens on all interfaces so that this machine's own
 * network address can play a client from elsewhere.
 */
test.describe.configure({ mode: "serial" });

const ROOT = path.resolve(import.meta.dirname, "../..");
let launcher: ChildProcess;
let output = "";
let base = "";

/** An address of this machine that is not loopback: requests to it come from a non-loopback peer. */
const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

test.beforeAll(async () => {
  test.setTimeout(360_000); // a dev server compiles on first use; the first start on 2 cores is slow
  const port = await freePort();
  // 127.0.0.1, not the banner's localhost: with HOST=0.0.0.0 the page must still hydrate from
  // either name (Next refuses its hot-reload socket to origins missing from allowedDevOrigins).
  base = `http://127.0.0.1:${port}`;
  launcher = spawn(process.execPath, ["--import", "tsx", "tools/launcher/cli.ts", "--dev", "--e2e"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "0.0.0.0", TRUST_PROXY_HOPS: "0", E2E_STATE_FILE: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Order Desk is running")) resolve();
    };
    launcher.stdout!.on("data", onData);
    launcher.stderr!.on("data", onData);
    launcher.once("exit", (code) => reject(new Error(`the launcher exited (${code}) before it was ready:\n${output}`)));
  });
  await ready;
});

test.afterAll(async () => {
  if (!launcher || launcher.exitCode !== null) return;
  const exited = new Promise((resolve) => launcher.once("exit", resolve));
  launcher.kill("SIGTERM");
  await exited;
  expect(output).toContain("[launcher] Stopped.");
});

async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto(`${base}/signin`);
  await page.getByLabel("Email").fill("admin@orderdesk.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible({ timeout: 120_000 });
}

test("dev mode: creating a user never writes the password to the app's output", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAsAdmin(page);
  await page.goto(`${base}/settings/users`);
  const email = `dev-${randomUUID().slice(0, 8)}@orderdesk.test`;
  const password = `pw-${randomUUID()}`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Dev Mode Check");
  await page.getByLabel("Initial password").fill(password);
  const [action] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"], { timeout: 120_000 }),
    page.getByRole("button", { name: "Create user" }).click(),
  ]);
  expect(action.request().postData()).toContain(password); // the password did reach the server
  await expect(page.getByRole("status")).toContainText(`Created ${email}`, { timeout: 60_000 });

  // Next logs requests in order: once a later request's own log line is in the capture, anything
  // the action logged is in it too. Then the capture must hold no password (failures show the
  // offending lines masked, never the password).
  const marker = `after-create-${randomUUID().slice(0, 8)}`;
  await page.goto(`${base}/settings/users?${marker}`);
  await expect.poll(() => output.includes(marker), { timeout: 30_000 }).toBe(true);
  const leaks = output.split("\n").filter((line) => line.includes(password)).map((line) => line.replaceAll(password, "«password»"));
  expect(leaks).toEqual([]);
});

test("dev mode: the dev-only routes answer this machine, and nobody else", async () => {
  test.skip(!lanAddress, "this machine has no non-loopback IPv4 address to play a remote client");
  test.setTimeout(120_000);
  const distDir = path.join(ROOT, ".next-e2e", "dev");
  // A compiled server chunk of the sign-in code: its source map holds our server source.
  const chunk = findFile(distDir, (file, text) => file.endsWith(".js") && file.includes(`${path.sep}server${path.sep}`) && text.includes("verify-credentials"));
  expect(chunk, "a compiled server chunk with the sign-in code").toBeTruthy();
  const sourceMap = `/__nextjs_source-map?filename=${encodeURIComponent(chunk!)}`;

  const local = await fetch(`${base}${sourceMap}`);
  expect(local.status).toBe(200);
  expect(await local.text()).toContain("verify-credentials");

  const remoteBase = base.replace("127.0.0.1", lanAddress!);
  for (const route of [
    sourceMap,
    `/%5F%5Fnextjs_source-map?filename=${encodeURIComponent(chunk!)}`,
    "/__nextjs_original-stack-frames",
    "/__nextjs_launch-editor?file=package.json",
    "/_next/mcp",
    "/_next/hmr?id=1",
  ]) {
    const res = await fetch(`${remoteBase}${route}`, { method: route.includes("stack-frames") ? "POST" : "GET", redirect: "manual" });
    const body = await res.text();
    expect.soft(res.status, route).toBe(404);
    expect.soft(body, route).not.toContain("verify-credentials");
  }
  // The app itself still answers a remote client.
  expect((await fetch(`${remoteBase}/signin`)).status).toBe(200);
});

function findFile(dir: string, match: (file: string, text: string) => boolean): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (file.endsWith(".js") && match(file, fs.readFileSync(file, "utf8"))) return file;
  }
  return undefined;
}
