/**
 * Renewal window edges with the sandbox's controlled clock. Documented rule (renewals.md):
 * renew "at any time during the 30-day renewal period before the expiration date"; outside → -121.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY_MS, type TestAccount, type TestSandbox, startTestSandbox, uniqueName } from "./sandbox-helpers";

const T0 = new Date("2026-01-10T12:00:00.000Z");
const TERM_DAYS = 365;

let sb: TestSandbox;
let account: TestAccount;
beforeAll(async () => {
  sb = await startTestSandbox({ now: T0 });
  account = await sb.createAccount();
});
afterAll(async () => {
  await sb?.close();
});

async function placeLicense() {
  await sb.setClock(T0);
  const { client } = sb.client(account);
  const domainName = `${uniqueName("renew")}.example`;
  const contactEmail = `${uniqueName("renew")}@example.com`;
  const placed = await client.orderSiteLockForNewCustomer({ productCode: 1060, days: TERM_DAYS, domainName, contactEmail, autoRenew: false });
  expect(placed.ok, JSON.stringify(placed)).toBe(true);
  if (!placed.ok) throw new Error("order failed");
  return { client, domainName, contactEmail, orderNumber: placed.value.orderNumber, expiresAt: new Date(T0.getTime() + TERM_DAYS * DAY_MS) };
}

describe.each([
  [31, false],
  [30, true],
  [1, true],
  [0, false], // the expiry instant: expired, for the app and the sandbox alike
  [-1, false],
])("renewal %i day(s) before expiry", (daysBefore, allowed) => {
  it(allowed ? "is accepted" : "is refused with -121 → OUTSIDE_RENEWAL_WINDOW", async () => {
    const license = await placeLicense();
    await sb.setClock(new Date(license.expiresAt.getTime() - daysBefore * DAY_MS));
    const result = await license.client.renewSiteLock({
      previousOrderNumber: license.orderNumber,
      productCodes: [1060],
      days: TERM_DAYS,
      domainName: license.domainName,
      contactEmail: license.contactEmail,
      autoRenew: false,
    });
    if (allowed) {
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (result.ok) expect(result.value.orderNumber).not.toBe(license.orderNumber);
    } else {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toMatchObject({ kind: "api", code: -121, domainCode: "OUTSIDE_RENEWAL_WINDOW", mayHavePlaced: false });
    }
  });
});
