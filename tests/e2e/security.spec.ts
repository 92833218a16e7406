import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { DEMO_PASSWORD } from "@/tools/demo-world/demo-data";
import { createPrismaClient } from "@/lib/db";
import { ROLES, type Role } from "@/lib/auth/roles";
import { appPages, realAddress } from "./app-pages";
import { signIn, signOut } from "./helpers";

const state = () => JSON.parse(fs.readFileSync(process.env.E2E_STATE_FILE!, "utf8")) as { databaseUrl: string };

// Each of these once sent a signed-in browser to //evil.example.
const hostileCallbacks = ["/.//evil.example", "/%2e//evil.example", "/x/..//evil.example", "//evil.example", "/\\evil.example", "https://evil.example/"];

test("sign-in never redirects to another site, whatever the callbackUrl", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  // Signing in with each hostile callback lands on our own dashboard.
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(hostileCallbacks[0]!)}`);
  await page.getByLabel("Email").fill("staff@orderdesk.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(origin);
  // Already signed in: /signin redirects at once; it must stay on our origin for every form.
  for (const callback of hostileCallbacks) {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(callback)}`);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    expect(new URL(page.url()).origin, callback).toBe(origin);
    expect(new URL(page.url()).pathname, callback).toBe("/");
  }
});

test("no page can be framed, and every response carries the security headers", async ({ page, request, baseURL }) => {
  await signIn(page, "admin@orderdesk.test");
  const res = await page.goto("/settings/users");
  const headers = res!.headers();
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");

  // A page elsewhere that frames the users page with the admin's live session gets nothing.
  const framing = await page.context().newPage();
  await framing.setContent(`<iframe id="victim" src="${baseURL}/settings/users" width="800" height="600"></iframe>`, { waitUntil: "load" });
  const frame = framing.frames().find((f) => f !== framing.mainFrame());
  expect(frame).toBeTruthy();
  await expect(frame!.getByRole("heading", { name: "Users" })).toHaveCount(0);
  await framing.close();

  // Static files and API routes get the static headers too.
  const scriptSrc = await page.locator("script[src*='/_next/static/']").first().getAttribute("src");
  for (const path of [scriptSrc!, "/api/health", "/icon.svg", "/_next/static/no-such-file.js"]) {
    const r = await request.get(path);
    expect(r.headers()["x-frame-options"], path).toBe("DENY");
    expect(r.headers()["x-content-type-options"], path).toBe("nosniff");
    expect(r.headers()["content-security-policy"], path).toMatch(/frame-ancestors 'none'/);
  }
  const favicon = await request.get("/favicon.ico", { maxRedirects: 0 });
  expect(favicon.status()).toBe(308);
  expect(new URL(favicon.headers()["location"]!, baseURL).pathname).toBe("/icon.svg");
  expect(favicon.headers()["x-frame-options"]).toBe("DENY");
  expect(favicon.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  // Paths that merely start like a static file are pages: they get the page CSP.
  for (const path of ["/icon.svgx", "/icon.svg/orders"]) {
    const r = await page.request.get(path);
    expect(r.headers()["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-/);
  }
});

// Every page of the app (generated from app/**/page.tsx), as every role that may open it, with a
// real id from the demo data for each dynamic segment (taken from the links the app shows).
const PAGES = appPages();
const STATIC_ROUTES = new Set(PAGES.map((p) => p.route).filter((r) => !r.includes("[")));
const EMAILS: Record<Role, string> = {
  ADMIN: "admin@orderdesk.test",
  STAFF: "staff@orderdesk.test",
  ACCOUNT_MANAGER: "manager@orderdesk.test",
  SUPPORT: "support@orderdesk.test",
};
// The demo world has no renewal run; a finished one (dated long ago, so no spec's "newest run"
// is it) gives /renewals/runs/[id] a real id. Fixed id: each worker may run this.
const RUN_ID = "e2e-every-page-run";

test.describe("every page", () => {
  test.describe.configure({ mode: "parallel" });

  test.beforeAll(async () => {
    const db = createPrismaClient(state().databaseUrl);
    try {
      const license = await db.license.findFirstOrThrow({ orderBy: { id: "asc" }, select: { id: true } });
      const finished = new Date("2025-01-06T10:00:00Z");
      await db.renewalRun.upsert({
        where: { id: RUN_ID },
        update: {},
        create: {
          id: RUN_ID, createdById: "demo-user-account_manager", createdAt: finished, finishedAt: finished, status: "DONE",
          submissionKey: RUN_ID, source: { kind: "selection", licenseIds: [license.id] }, total: 1, refused: 1,
          items: { create: { licenseId: license.id, status: "REFUSED", message: "Not renewable (every-page fixture)." } },
        },
      });
    } finally {
      await db.$disconnect();
    }
  });

  for (const role of ROLES) {
    test(`as ${role}: every page it may open loads with no console error, no CSP violation, and link names that contain their words`, async ({ page }) => {
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(`${new URL(page.url()).pathname}: console error: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`${new URL(page.url()).pathname}: ${e.message}`));
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`));
      });
      await signIn(page, EMAILS[role]);
      const links = new Set<string>();
      // Static pages first: their links give the dynamic ones their ids.
      const pages = PAGES.filter((p) => p.roles.includes(role)).sort((a, b) => Number(a.route.includes("[")) - Number(b.route.includes("[")));
      expect(pages.length).toBeGreaterThan(5);
      for (const { route } of pages) {
        const address = realAddress(route, links, STATIC_ROUTES);
        if (!address) {
          problems.push(`${route}: no page links to one`);
          continue;
        }
        const res = await page.goto(address);
        expect(res?.status(), address).toBe(200);
        await expect(page.getByRole("heading", { level: 1 }), address).toBeVisible();
        // Hydrated: client components ran under the CSP too.
        await expect(page.getByRole("button", { name: "Sign out" })).toHaveAttribute("data-hydrated", "true");
        for (const href of await page.locator("a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")!.split(/[?#]/)[0]!))) links.add(href);
        // WCAG 2.5.3: a control's accessible name contains the words it shows.
        const mismatches = await page.locator("a[aria-label], button[aria-label]").evaluateAll((els) =>
          els
            .filter((el) => (el as HTMLElement).offsetParent !== null)
            .map((el) => ({ name: el.getAttribute("aria-label")!, text: (el as HTMLElement).innerText.replace(/\s+/g, " ").trim() }))
            .filter(({ name, text }) => text && !name.toLowerCase().includes(text.toLowerCase()))
            .map(({ name, text }) => `"${text}" named "${name}"`),
        );
        for (const m of mismatches) problems.push(`${address}: ${m}`);
      }
      expect(problems).toEqual([]);
    });
  }
});

test("404s are rendered on the server: an unknown address and an unknown order, signed in; signed out, sign-in first", async ({ page, request }) => {
  await signIn(page, "support@orderdesk.test");
  for (const address of ["/no-such-page", "/orders/does-not-exist", "/licenses/does-not-exist"]) {
    const res = await page.request.get(address, { headers: { accept: "text/html" } });
    expect(res.status(), address).toBe(404);
    const html = await res.text();
    // The 404 itself and the shell around it are in the HTML, not only in the scripts that draw it.
    const markup = html.replace(/<script[\s\S]*?<\/script>/g, "");
    expect(markup, address).toContain("Page not found");
    expect(markup, address).toContain('aria-label="Main"');
    expect(markup, address).not.toContain("__next_error__");
  }
  // Without a session every address of the app asks for a sign-in first (whether an order exists is not said to strangers).
  const anonymous = await request.get("/orders/does-not-exist", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(307);
  expect(anonymous.headers()["location"]).toContain("/signin");
});

test("a session cookie is worthless after sign-out", async ({ page, browser }) => {
  await signIn(page, "staff@orderdesk.test");
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.endsWith("next-auth.session-token"))).toBe(true);
  await signOut(page);
  await expect(page).toHaveURL(/\/signin/);

  // Someone who kept a copy of the cookie gets nothing with it.
  const thief = await browser.newContext();
  await thief.addCookies(cookies);
  const stolen = await thief.newPage();
  await stolen.goto("/orders");
  await expect(stolen).toHaveURL(/\/signin/);
  // next-auth's own session endpoint agrees: no session.
  expect(await (await thief.request.get("/api/auth/session")).json()).toEqual({});
  await thief.close();
});

test("an admin sees a user's sessions and ends them; the user is signed out at once", async ({ page, browser }) => {
  const userContext = await browser.newContext({ userAgent: "Playwright session-end test" });
  const userPage = await userContext.newPage();
  await signIn(userPage, "support@orderdesk.test");

  await signIn(page, "admin@orderdesk.test");
  await page.goto("/settings/users");
  await page.getByRole("link", { name: /^\d+ active sessions? of support@orderdesk\.test, and password$/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const row = page.getByTestId("session-row").filter({ hasText: "Playwright session-end test" });
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: "End session" }).click();
  await expect(row).toHaveCount(0);

  await userPage.goto("/orders");
  await expect(userPage).toHaveURL(/\/signin/);
  await userContext.close();
});

test("a password form submitted before the page is interactive never puts the password in the URL", async ({ browser, baseURL }) => {
  // JavaScript off: what a slow network or a double-quick user gets before hydration.
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  await page.goto("/signin");
  await page.getByLabel("Email").fill("admin@orderdesk.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForLoadState();

  // Signed in (cookies from a normal browser), the admin forms that carry passwords.
  const withJs = await browser.newPage({ baseURL });
  await signIn(withJs, "admin@orderdesk.test");
  await context.addCookies(await withJs.context().cookies());
  await withJs.close();
  await page.goto("/settings/users");
  await page.getByLabel("Email").fill("nojs@orderdesk.test");
  await page.getByLabel("Name").fill("No Script");
  await page.getByLabel("Initial password").fill("no-script-password-1");
  await page.getByRole("button", { name: "Create user" }).click();
  await page.waitForLoadState();
  await page.goto("/settings/users/demo-user-staff");
  await page.locator("#set-password").fill("no-script-password-2");
  await page.getByRole("button", { name: "Set password" }).click();
  await page.waitForLoadState();

  for (const url of urls) {
    expect(url).not.toContain(DEMO_PASSWORD);
    expect(url).not.toContain("no-script-password");
    expect(url).not.toMatch(/[?&]password=/);
  }
  expect(urls.length).toBeGreaterThan(4);
  await context.close();
});
