import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations";
import { createPrismaClient } from "@/lib/db";
import { encryptSecret, generateKey } from "@/lib/crypto/credentials";
import { seedResellerAccount } from "@/tools/demo/factories";
import { sectigoClientForAccount } from "@/lib/sectigo/account-client";
import { startSandbox } from "@/tools/sandbox/server";
import { DEMO_RESELLER, anchorDay } from "@/tools/demo-world/demo-data";
import { startTestDatabase } from "./test-database";

let db: Awaited<ReturnType<typeof startTestDatabase>>;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let prisma: ReturnType<typeof createPrismaClient>;
const key = generateKey();

beforeAll(async () => {
  db = await startTestDatabase();
  await applyMigrations(db.url);
  prisma = createPrismaClient(db.url);
  sandbox = await startSandbox({ port: 0, demo: true, demoAnchor: anchorDay(new Date()) });
  const products = `${sandbox.url}/products/`;
  await seedResellerAccount(prisma, { id: "acct-ok", label: "OK", loginName: DEMO_RESELLER.loginName, password: DEMO_RESELLER.password, apiBaseUrl: products, mode: "SANDBOX", credentialsKey: key });
  await seedResellerAccount(prisma, { id: "acct-bad", label: "Bad", loginName: "orderdesk-nositelock", password: "not-the-password", apiBaseUrl: products, mode: "SANDBOX", credentialsKey: key });
  await seedResellerAccount(prisma, { id: "acct-live-http", label: "Live over http", loginName: "x", password: "y-password", apiBaseUrl: products, mode: "LIVE", credentialsKey: key });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await sandbox?.close();
  await db?.stop();
});

describe("the Sectigo client of a reseller account", () => {
  it("decrypts the stored password, calls the sandbox over HTTP and records the call without the password", async () => {
    const client = await sectigoClientForAccount(prisma, { resellerAccountId: "acct-ok", credentialsKey: key });
    const result = await client.getAccountBalance();
    expect(result.ok).toBe(true);
    const calls = await prisma.apiCall.findMany({ where: { resellerAccountId: "acct-ok" } });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ endpoint: "!getAccountBalance", outcome: "SUCCESS", httpStatus: 200 });
    expect(calls[0]!.request).toContain("[REDACTED]");
    expect(JSON.stringify(calls)).not.toContain(DEMO_RESELLER.password);
  });

  it("records a refused login as an API error with Sectigo's code", async () => {
    const client = await sectigoClientForAccount(prisma, { resellerAccountId: "acct-bad", credentialsKey: key });
    const result = await client.getAccountBalance();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe(-16);
    const [call] = await prisma.apiCall.findMany({ where: { resellerAccountId: "acct-bad" } });
    expect(call).toMatchObject({ outcome: "API_ERROR", errorCode: -16 });
    expect(call!.request).not.toContain("not-the-password");
  });

  it("refuses a LIVE account whose base URL is not https", async () => {
    await expect(sectigoClientForAccount(prisma, { resellerAccountId: "acct-live-http", credentialsKey: key })).rejects.toThrow(/https/);
  });

  it("cannot decrypt with the wrong key", async () => {
    await expect(sectigoClientForAccount(prisma, { resellerAccountId: "acct-ok", credentialsKey: generateKey() })).rejects.toThrow(/could not be decrypted/);
  });

  it("a changed password is used on the next call (the decrypted password is cached per account version)", async () => {
    const balance = async () => (await sectigoClientForAccount(prisma, { resellerAccountId: "acct-ok", credentialsKey: key })).getAccountBalance();
    expect((await balance()).ok).toBe(true);
    // Edited in the settings: a wrong password now; Sectigo refuses the login on the very next call.
    await prisma.resellerAccount.update({ where: { id: "acct-ok" }, data: { loginPasswordEnc: encryptSecret("not-the-password", key) } });
    const refused = await balance();
    expect(!refused.ok && refused.error.code).toBe(-16);
    // And corrected again.
    await prisma.resellerAccount.update({ where: { id: "acct-ok" }, data: { loginPasswordEnc: encryptSecret(DEMO_RESELLER.password, key) } });
    expect((await balance()).ok).toBe(true);
  });
});
