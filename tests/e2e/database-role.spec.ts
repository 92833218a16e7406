/**
 * Issue 16, item 2, as users run it: the launcher (here in its e2e mode) starts the Next server and
 * the job worker connected as the app's own role, not as the superuser that owns the tables. Seen
 * from PostgreSQL's side (pg_stat_activity, as the owner), while a signed-in page is served: every
 * connection of the app and the worker is `orderdesk_app`, which is no superuser. Before, both
 * connected as `postgres`.
 */
import fs from "node:fs";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { DEMO_USERS } from "@/tools/demo-world/demo-data";
import { signIn } from "./helpers";

const state = () => JSON.parse(fs.readFileSync(process.env.E2E_STATE_FILE!, "utf8")) as { databaseUrl: string };

interface Session {
  app: string;
  user: string;
  superuser: boolean;
}

async function appSessions(ownerUrl: string): Promise<Session[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<Session>(
      `SELECT DISTINCT a.application_name AS app, a.usename AS user, r.rolsuper AS superuser
         FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
        WHERE a.datname = current_database() AND a.application_name LIKE 'orderdesk-%'
        ORDER BY 1, 2`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

test("the app and the job worker connect as orderdesk_app, not as the owner", async ({ page }) => {
  const admin = DEMO_USERS.find((u) => u.role === "ADMIN")!;
  await signIn(page, admin.email);
  // Each look first has the app serve a page, so its connection is open (pools close idle ones);
  // the worker's queue polls keep its own open.
  await expect
    .poll(
      async () => {
        expect((await page.request.get("/settings/audit")).status()).toBe(200);
        return appSessions(state().databaseUrl);
      },
      { timeout: 30_000 },
    )
    .toEqual(expect.arrayContaining([expect.objectContaining({ app: "orderdesk-app" }), expect.objectContaining({ app: "orderdesk-worker" })]));
  const sessions = await appSessions(state().databaseUrl);
  expect(sessions.length).toBeGreaterThan(0);
  expect(sessions.filter((s) => s.user !== "orderdesk_app" || s.superuser)).toEqual([]);
});
