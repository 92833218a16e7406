/**
 * The expiry workspace as an account manager meets it: the 0-7 bucket, a license in it, narrowing
 * by customer (search-as-you-type) and auto-renew, the CSV export holding exactly the list's rows,
 * the selection sent to /renewals/runs/new, and bad query values answered with a message.
 * Reads the demo world only (its renewals book covers every bucket), so it runs beside the others.
 */
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endField();
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

async function listDomains(page: Page): Promise<string[]> {
  return page.getByTestId("workspace-row").locator("td:nth-child(2)").allInnerTexts();
}

test("account manager: a license in the 0-7 bucket, filtered by customer, exported as the list shows it", async ({ page }, testInfo) => {
  await signIn(page, "manager@orderdesk.test");
  await page.goto("/renewals");
  await expect(page.getByRole("heading", { level: 1, name: "Renewals" })).toBeVisible();
  await expect(page.getByTestId("expiry-chart")).toBeVisible();
  await expect(page.getByTestId("funds-warning").first()).toContainText(/auto-renewals? in the next 30 days/);
  await page.screenshot({ path: testInfo.outputPath("renewals-workspace.png"), fullPage: true });

  // The 0-7 card filters the list.
  const card = page.getByTestId("bucket-0-7");
  const cardCount = Number((await card.getByTestId("bucket-count").innerText()).replace(/,/g, ""));
  expect(cardCount).toBeGreaterThan(0);
  await card.click();
  await expect(page).toHaveURL(/bucket=0-7/);
  await expect(page.getByTestId("bucket-0-7")).toHaveAttribute("aria-current", "true");
  await expect(page.getByTestId("workspace-total")).toHaveText(new RegExp(`^${cardCount} licenses? match$`));
  const rows = page.getByTestId("workspace-row");
  await expect(rows.first()).toBeVisible();
  for (const bucket of await rows.locator("td:nth-child(6)").allInnerTexts()) expect(bucket).toBe("0–7 days");

  // One license of that bucket: its customer through the picker, then auto-renew as it is.
  const first = rows.first();
  const customer = (await first.locator("td:nth-child(3)").innerText()).trim();
  const autoRenew = (await first.locator("td:nth-child(7)").innerText()).trim();
  await page.getByLabel("Customer").fill(customer);
  await page.getByRole("button", { name: new RegExp(`^${customer.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} `) }).first().click();
  await page.getByLabel("Auto-renew").selectOption({ label: autoRenew });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/customer=/);
  await expect(page).toHaveURL(new RegExp(`autoRenew=${autoRenew.toLowerCase()}`));
  await expect(page).toHaveURL(/bucket=0-7/);
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.locator("td:nth-child(3)").allInnerTexts()) expect(text.trim()).toBe(customer);
  const domains = await listDomains(page);

  // The CSV holds exactly the list's rows, in its order, with a header.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const [header, ...records] = parseCsv(fs.readFileSync(file, "utf8"));
  expect(header).toEqual(["License ID", "Domain", "Customer", "Product", "Term (days)", "Expires (UTC)", "Bucket", "Auto-renew", "Add-ons", "Account manager", "Sectigo order number"]);
  expect(records.map((r) => r[1])).toEqual(domains);
  for (const r of records) expect([r[2], r[6], r[7]]).toEqual([customer, "0–7 days", autoRenew.toLowerCase()]);

  // The row links to the license page; "Renew selected" sends the ticked licenses to the run preview.
  const id = records[0]![0]!;
  await expect(rows.first().getByRole("link", { name: domains[0] })).toHaveAttribute("href", `/licenses/${id}`);
  await rows.first().getByRole("checkbox").check();
  await page.getByRole("button", { name: "Renew selected" }).click();
  await expect(page).toHaveURL(new RegExp(`/renewals/runs/new\\?license=${id}$`));
});

test("Apply with Tier \"Any\" keeps every tier; the Tier box still says Any; Export and Renew all carry the same filter", async ({ page }) => {
  await signIn(page, "manager@orderdesk.test");
  await page.goto("/renewals");
  const total = page.getByTestId("workspace-total");
  const all = (await total.innerText()).trim();
  await expect(page.getByLabel("Tier")).toHaveValue("");
  await page.getByLabel("Auto-renew").selectOption("on");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/autoRenew=on/);
  await expect(page).toHaveURL(/[?&]tier=(&|$)/); // the form sent `tier=`: read as no tier
  await expect(page.getByLabel("Tier")).toHaveValue("");
  await expect(page.getByLabel("Tier").locator("option:checked")).toHaveText("Any");
  const filtered = Number((await total.innerText()).replace(/\D/g, ""));
  expect(filtered).toBeGreaterThan(0);
  // Back to every auto-renew value: the full count again, not Monitor's.
  await page.getByLabel("Auto-renew").selectOption("any");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(total).toHaveText(all);
  await expect(page.getByLabel("Tier")).toHaveValue("");
  await page.getByLabel("Auto-renew").selectOption("on");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/autoRenew=on/);
  for (const name of ["Export CSV", /^Renew all/]) {
    const href = new URL((await page.getByRole("link", { name }).getAttribute("href"))!, page.url());
    expect(href.searchParams.get("autoRenew"), String(href)).toBe("on");
    expect(href.searchParams.has("tier"), String(href)).toBe(false);
  }
  await page.getByRole("link", { name: /^Renew all/ }).click();
  await expect(page.getByTestId("run-preview-problem")).toHaveCount(0);
  // The preview holds the filtered licenses: renewed plus refused is the list's count.
  const figure = async (id: string) => Number((await page.getByTestId(id).innerText()).replace(/\D/g, ""));
  expect((await figure("run-accepted-count")) + (await figure("run-refused-count"))).toBe(filtered);
});

test("bad query values get a message, never an error page; support sees the list without renewing or exporting", async ({ page }) => {
  await signIn(page, "support@orderdesk.test");
  const response = await page.goto("/renewals?bucket=soon&tier=x&autoRenew=%00&after=%%%");
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("query-problems")).toContainText('"soon" is not a valid value for "Expiry"');
  await expect(page.getByTestId("query-problems")).toContainText('"x" is not a valid value for "Tier"');
  await expect(page.getByTestId("workspace-row").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Renew selected" })).toHaveCount(0);
  // Support may not export the license book (lib/auth/roles.ts, exportLicenses; issue 16, item 9).
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  const csv = await page.request.get("/renewals/export?bucket=expired");
  expect(csv.status()).toBe(403);
  expect(await csv.text()).not.toContain("License ID");
});

test("the export refuses a visitor without a session", async ({ playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const res = await anonymous.get("/renewals/export", { maxRedirects: 0 });
  expect([401, 307]).toContain(res.status());
  expect(await res.text()).not.toContain("License ID");
  await anonymous.dispose();
});

test("a refused export brings the browser back to the list, which says why", async ({ page }) => {
  // The route answers a browser's refused export with a redirect here (tests/integration/export-limits.test.ts).
  await signIn(page, "manager@orderdesk.test");
  await page.goto("/renewals?bucket=expired&exportRefused=session");
  await expect(page.getByTestId("export-refused")).toHaveText("An export is already running for your session. Wait until its download has finished, then export again.");
  await page.goto("/renewals?exportRefused=anything-else");
  await expect(page.getByTestId("export-refused")).toHaveCount(0);
});
