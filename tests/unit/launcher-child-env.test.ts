import { afterEach, describe, expect, it } from "vitest";
import { startChild } from "@/tools/launcher/processes";

/**
 * Issue 16, item 2: the owner's database URL stays in the launcher. Next, the worker, the sandbox
 * and the build inherit the launcher's environment; before, they inherited MIGRATION_DATABASE_URL
 * too, which would have handed the app the owner's rights after all.
 */
afterEach(() => {
  delete process.env.MIGRATION_DATABASE_URL;
});

async function childSees(name: string, env: Record<string, string>): Promise<string> {
  const child = startChild("env", ["-e", `process.stdout.write(String(process.env[${JSON.stringify(name)}] ?? "unset"))`], env, { quiet: true });
  let out = "";
  child.process.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  expect(await child.exited).toBe(0);
  return out;
}

describe("a child of the launcher", () => {
  it("never gets MIGRATION_DATABASE_URL, and gets the DATABASE_URL it is given", async () => {
    process.env.MIGRATION_DATABASE_URL = "postgresql://owner:owner-secret@127.0.0.1:5432/orderdesk";
    expect(await childSees("MIGRATION_DATABASE_URL", {})).toBe("unset");
    expect(await childSees("DATABASE_URL", { DATABASE_URL: "postgresql://orderdesk_app:x@127.0.0.1:5432/orderdesk" })).toBe(
      "postgresql://orderdesk_app:x@127.0.0.1:5432/orderdesk",
    );
  });
});

describe("stopping a child of the launcher", () => {
  /** A child that, on SIGTERM, finishes its work in flight for `workMs`, then exits 0 (as Next's drain does). */
  function draining(workMs: number, stopGraceMs?: number) {
    const script = `process.on("SIGTERM", () => setTimeout(() => process.exit(0), ${workMs})); process.stdout.write("ready"); setInterval(() => {}, 1000);`;
    const child = startChild("drain", ["-e", script], {}, { quiet: true, stopGraceMs });
    return new Promise<typeof child>((resolve) => child.process.stdout!.once("data", () => resolve(child)));
  }

  it("lets it finish its work in flight when that takes longer than the default 5 s but less than its grace", async () => {
    const child = await draining(5_500, 8_000);
    await child.stop();
    expect(child.process.signalCode).toBeNull();
    expect(child.process.exitCode).toBe(0);
  }, 15_000);

  it("kills it when it outlives its grace", async () => {
    const child = await draining(5_000, 300);
    await child.stop();
    expect(child.process.signalCode).toBe("SIGKILL");
  });
});
