/**
 * The launcher's guard in front of the real Next production server (issue 16 item 6): the request
 * the page itself sends for a server action is text/plain JSON and works; the same call from
 * another origin, with an oversized body or with a body that is not JSON gets 403 / 413 / 400
 * (Next answered each with a 500 and a stack trace in the log).
 */
import { expect, test } from "@playwright/test";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { signIn } from "./helpers";

test("a real server action call passes the guard; the same call from elsewhere, too big or not JSON is refused", async ({ page, baseURL }) => {
  await signIn(page, "admin@orderdesk.test");
  // The e2e sandbox runs on a free port: take its URL from the demo account.
  await page.goto("/settings/accounts");
  const sandboxUrl = (await page.getByTestId(`account-row-${DEMO_RESELLER.loginName}`).locator("td.font-mono").textContent())!.trim();
  await page.goto("/settings/accounts/new");
  const form = page.getByRole("form", { name: "Add reseller account" });
  await form.getByLabel("Sectigo login name").fill(DEMO_RESELLER.loginName);
  await form.getByLabel("Sectigo password").fill(DEMO_RESELLER.password);
  await form.getByLabel("API base URL").fill(sandboxUrl);

  // What the browser really sends for a server action (the guard lets exactly these shapes through).
  const [call] = await Promise.all([page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]), form.getByRole("button", { name: "Test connection" }).click()]);
  await expect(form.getByTestId("connection-result")).toContainText("Connected.");
  const headers = await call.allHeaders();
  expect(headers["content-type"]).toBe("text/plain;charset=UTF-8");
  expect(headers.origin).toBe(new URL(baseURL!).origin);
  const body = call.postData()!;
  expect(() => JSON.parse(body)).not.toThrow();

  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const replay = (extra: Record<string, string>, data: string) =>
    page.request.post(call.url(), { headers: { "next-action": headers["next-action"]!, "content-type": headers["content-type"]!, origin: headers.origin!, cookie, ...extra }, data, maxRedirects: 0 });

  const same = await replay({}, body);
  expect(same.status()).toBe(200);
  expect(await same.text()).toContain('"ok":true');
  expect((await replay({ origin: "https://evil.example" }, body)).status()).toBe(403);
  expect((await replay({ origin: "https://evil.example", "x-forwarded-host": "evil.example" }, body)).status()).toBe(403);
  expect((await replay({}, `["${"x".repeat(1024 * 1024)}"]`)).status()).toBe(413);
  expect((await replay({}, "{{{ not json")).status()).toBe(400);
  expect((await replay({ "content-type": "multipart/form-data; boundary=XYZ" }, "garbage")).status()).toBe(400);
});
