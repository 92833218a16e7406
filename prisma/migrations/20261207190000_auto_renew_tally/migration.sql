-- Issue 19 item 4: the renewals page's funds warning (lib/licenses/expiry-workspace/funds-warning.ts)
-- counted the auto-renewals of the next 30 days per reseller account, plan and term on every view:
-- 75,000 licenses joined to 250,000 customers at 1,000,000 licenses, 139-165 ms. These tables keep
-- that count current as licenses change, per expiry HOUR: the page sums the whole hours of its
-- window here (a few thousand small rows) and counts only the two partial hours at its ends from
-- "License" itself, so the figure is exact at any instant.
--
-- A license counts while it would be debited by an auto-renewal: auto-renew on, a live stored status
-- (ACTIVE or EXPIRED: lib/licenses/rules/status.ts, the same statuses the old query filtered on) and
-- an expiry. termDays is 0 when the license has none (a key column cannot be null).
--
-- Writers never contend: the triggers below only APPEND signed deltas ("AutoRenewTallyDelta"), so
-- two transactions changing licenses of the same hour never wait for each other's row lock, nor
-- deadlock. The reader sums tally + deltas; a compaction (one at a time, under an advisory lock)
-- folds the deltas it sees into "AutoRenewTally" in one statement (lib/licenses/expiry-workspace/auto-renew-tally.ts).

CREATE TABLE "AutoRenewTally" (
    "expiryHour" TIMESTAMP(3) NOT NULL,
    "resellerAccountId" TEXT NOT NULL,
    "productCode" INTEGER NOT NULL,
    "termDays" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "AutoRenewTally_pkey" PRIMARY KEY ("expiryHour","resellerAccountId","productCode","termDays")
);

CREATE TABLE "AutoRenewTallyDelta" (
    "id" BIGSERIAL NOT NULL,
    "expiryHour" TIMESTAMP(3) NOT NULL,
    "resellerAccountId" TEXT NOT NULL,
    "productCode" INTEGER NOT NULL,
    "termDays" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "AutoRenewTallyDelta_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "AutoRenewTallyDelta_expiryHour_idx" ON "AutoRenewTallyDelta"("expiryHour");

-- License: every statement's changed rows, aggregated per statement (transition tables), so a bulk
-- insert of 5,000 licenses writes one delta row per (hour, account, plan, term), not 5,000.
CREATE FUNCTION "auto_renew_tally_license"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "AutoRenewTallyDelta" ("expiryHour", "resellerAccountId", "productCode", "termDays", "n")
    SELECT date_trunc('hour', l."expiresAt"), c."resellerAccountId", l."productCode", COALESCE(l."termDays", 0), count(*)::int
      FROM new_rows l JOIN "Customer" c ON c.id = l."customerId"
     WHERE l."autoRenew" AND l.status IN ('ACTIVE', 'EXPIRED') AND l."expiresAt" IS NOT NULL
     GROUP BY 1, 2, 3, 4;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "AutoRenewTallyDelta" ("expiryHour", "resellerAccountId", "productCode", "termDays", "n")
    SELECT date_trunc('hour', l."expiresAt"), c."resellerAccountId", l."productCode", COALESCE(l."termDays", 0), -count(*)::int
      FROM old_rows l JOIN "Customer" c ON c.id = l."customerId"
     WHERE l."autoRenew" AND l.status IN ('ACTIVE', 'EXPIRED') AND l."expiresAt" IS NOT NULL
     GROUP BY 1, 2, 3, 4;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Only rows whose counted columns changed (most updates touch other columns: order numbers,
    -- changeVersion, updatedAt): minus the old row, plus the new one.
    INSERT INTO "AutoRenewTallyDelta" ("expiryHour", "resellerAccountId", "productCode", "termDays", "n")
    SELECT h, a, p, t, sum(d)::int FROM (
      SELECT date_trunc('hour', o."expiresAt") AS h, c."resellerAccountId" AS a, o."productCode" AS p, COALESCE(o."termDays", 0) AS t, -1 AS d
        FROM old_rows o JOIN new_rows w ON w.id = o.id JOIN "Customer" c ON c.id = o."customerId"
       WHERE o."autoRenew" AND o.status IN ('ACTIVE', 'EXPIRED') AND o."expiresAt" IS NOT NULL
         AND (o."autoRenew", o.status, o."expiresAt", o."productCode", o."termDays", o."customerId")
             IS DISTINCT FROM (w."autoRenew", w.status, w."expiresAt", w."productCode", w."termDays", w."customerId")
      UNION ALL
      SELECT date_trunc('hour', w."expiresAt"), c."resellerAccountId", w."productCode", COALESCE(w."termDays", 0), 1
        FROM new_rows w JOIN old_rows o ON o.id = w.id JOIN "Customer" c ON c.id = w."customerId"
       WHERE w."autoRenew" AND w.status IN ('ACTIVE', 'EXPIRED') AND w."expiresAt" IS NOT NULL
         AND (o."autoRenew", o.status, o."expiresAt", o."productCode", o."termDays", o."customerId")
             IS DISTINCT FROM (w."autoRenew", w.status, w."expiresAt", w."productCode", w."termDays", w."customerId")
    ) x
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0;
  ELSE -- TRUNCATE (tests, a restore): nothing left to count.
    DELETE FROM "AutoRenewTallyDelta";
    DELETE FROM "AutoRenewTally";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "License_auto_renew_tally_insert" AFTER INSERT ON "License"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "auto_renew_tally_license"();
CREATE TRIGGER "License_auto_renew_tally_update" AFTER UPDATE ON "License"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "auto_renew_tally_license"();
CREATE TRIGGER "License_auto_renew_tally_delete" AFTER DELETE ON "License"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "auto_renew_tally_license"();
CREATE TRIGGER "License_auto_renew_tally_truncate" AFTER TRUNCATE ON "License"
  FOR EACH STATEMENT EXECUTE FUNCTION "auto_renew_tally_license"();

-- Customer: a customer moved to another reseller account takes its counted licenses along.
CREATE FUNCTION "auto_renew_tally_customer"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AutoRenewTallyDelta" ("expiryHour", "resellerAccountId", "productCode", "termDays", "n")
  SELECT h, a, p, t, sum(d)::int FROM (
    SELECT date_trunc('hour', l."expiresAt") AS h, o."resellerAccountId" AS a, l."productCode" AS p, COALESCE(l."termDays", 0) AS t, -1 AS d
      FROM old_rows o JOIN new_rows w ON w.id = o.id AND w."resellerAccountId" <> o."resellerAccountId"
      JOIN "License" l ON l."customerId" = w.id
     WHERE l."autoRenew" AND l.status IN ('ACTIVE', 'EXPIRED') AND l."expiresAt" IS NOT NULL
    UNION ALL
    SELECT date_trunc('hour', l."expiresAt"), w."resellerAccountId", l."productCode", COALESCE(l."termDays", 0), 1
      FROM old_rows o JOIN new_rows w ON w.id = o.id AND w."resellerAccountId" <> o."resellerAccountId"
      JOIN "License" l ON l."customerId" = w.id
     WHERE l."autoRenew" AND l.status IN ('ACTIVE', 'EXPIRED') AND l."expiresAt" IS NOT NULL
  ) x
  GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Customer_auto_renew_tally_update" AFTER UPDATE ON "Customer"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "auto_renew_tally_customer"();

-- The licenses already there (1,000,000: ~2 s).
INSERT INTO "AutoRenewTally" ("expiryHour", "resellerAccountId", "productCode", "termDays", "n")
SELECT date_trunc('hour', l."expiresAt"), c."resellerAccountId", l."productCode", COALESCE(l."termDays", 0), count(*)::int
  FROM "License" l JOIN "Customer" c ON c.id = l."customerId"
 WHERE l."autoRenew" AND l.status IN ('ACTIVE', 'EXPIRED') AND l."expiresAt" IS NOT NULL
 GROUP BY 1, 2, 3, 4;
