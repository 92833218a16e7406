-- Issue 19 item 4: the renewals page's cards (counts and value per expiry bucket) and chart (per
-- week) counted every license of the workspace's range (expired 30 days ago to 13 weeks ahead) per
-- plan on every view: ~306,000 index entries at 1,000,000 licenses, ~130 ms of PostgreSQL per view.
-- These tables keep that count current as licenses change, per expiry HOUR and every column the
-- workspace's filter reads on "License" except the customer (status, plan, term, auto-renew): the
-- page sums the whole hours of each slot here (a few thousand small rows) with the very same filter
-- SQL it runs on "License" (lib/licenses/expiry-workspace/sql.ts filterConditionsSql), and counts
-- only the partial hours at the slots' ends from "License" itself, so the figures are exact at any
-- instant. Filters on a customer or an account manager still count "License" (a narrow range).
-- The same pattern as *_auto_renew_tally (the funds warning): triggers only APPEND signed deltas
-- ("ExpiryTallyDelta"), so writers never wait for each other; a compaction (one at a time, under an
-- advisory lock) folds them into "ExpiryTally" (lib/licenses/expiry-workspace/expiry-tally.ts).
-- Every stored status is kept (the filter picks the live ones), so a change of the rule's statuses
-- needs no migration; a license without an expiry is in no bucket and is not counted. termDays is
-- 0 when the license has none (a key column cannot be null).

CREATE TABLE "ExpiryTally" (
    "expiryHour" TIMESTAMP(3) NOT NULL,
    "status" "LicenseStatus" NOT NULL,
    "productCode" INTEGER NOT NULL,
    "termDays" INTEGER NOT NULL,
    "autoRenew" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "ExpiryTally_pkey" PRIMARY KEY ("expiryHour","status","productCode","termDays","autoRenew")
);

CREATE TABLE "ExpiryTallyDelta" (
    "id" BIGSERIAL NOT NULL,
    "expiryHour" TIMESTAMP(3) NOT NULL,
    "status" "LicenseStatus" NOT NULL,
    "productCode" INTEGER NOT NULL,
    "termDays" INTEGER NOT NULL,
    "autoRenew" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "ExpiryTallyDelta_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ExpiryTallyDelta_expiryHour_idx" ON "ExpiryTallyDelta"("expiryHour");

-- Per statement, from the transition tables: a bulk insert of 5,000 licenses writes one delta row
-- per (hour, status, plan, term, auto-renew), not 5,000.
CREATE FUNCTION "expiry_tally_license"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ExpiryTallyDelta" ("expiryHour", "status", "productCode", "termDays", "autoRenew", "n")
    SELECT date_trunc('hour', l."expiresAt"), l.status, l."productCode", COALESCE(l."termDays", 0), l."autoRenew", count(*)::int
      FROM new_rows l WHERE l."expiresAt" IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "ExpiryTallyDelta" ("expiryHour", "status", "productCode", "termDays", "autoRenew", "n")
    SELECT date_trunc('hour', l."expiresAt"), l.status, l."productCode", COALESCE(l."termDays", 0), l."autoRenew", -count(*)::int
      FROM old_rows l WHERE l."expiresAt" IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Only rows whose counted columns changed (most updates touch others: order numbers,
    -- changeVersion, updatedAt): minus the old row, plus the new one.
    INSERT INTO "ExpiryTallyDelta" ("expiryHour", "status", "productCode", "termDays", "autoRenew", "n")
    SELECT h, s, p, t, a, sum(d)::int FROM (
      SELECT date_trunc('hour', o."expiresAt") AS h, o.status AS s, o."productCode" AS p, COALESCE(o."termDays", 0) AS t, o."autoRenew" AS a, -1 AS d
        FROM old_rows o JOIN new_rows w ON w.id = o.id
       WHERE o."expiresAt" IS NOT NULL
         AND (o."expiresAt", o.status, o."productCode", o."termDays", o."autoRenew")
             IS DISTINCT FROM (w."expiresAt", w.status, w."productCode", w."termDays", w."autoRenew")
      UNION ALL
      SELECT date_trunc('hour', w."expiresAt"), w.status, w."productCode", COALESCE(w."termDays", 0), w."autoRenew", 1
        FROM new_rows w JOIN old_rows o ON o.id = w.id
       WHERE w."expiresAt" IS NOT NULL
         AND (o."expiresAt", o.status, o."productCode", o."termDays", o."autoRenew")
             IS DISTINCT FROM (w."expiresAt", w.status, w."productCode", w."termDays", w."autoRenew")
    ) x
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0;
  ELSE -- TRUNCATE (tests, a restore): nothing left to count.
    DELETE FROM "ExpiryTallyDelta";
    DELETE FROM "ExpiryTally";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "License_expiry_tally_insert" AFTER INSERT ON "License"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "expiry_tally_license"();
CREATE TRIGGER "License_expiry_tally_update" AFTER UPDATE ON "License"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "expiry_tally_license"();
CREATE TRIGGER "License_expiry_tally_delete" AFTER DELETE ON "License"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "expiry_tally_license"();
CREATE TRIGGER "License_expiry_tally_truncate" AFTER TRUNCATE ON "License"
  FOR EACH STATEMENT EXECUTE FUNCTION "expiry_tally_license"();

-- The licenses already there (1,000,000: a few seconds).
INSERT INTO "ExpiryTally" ("expiryHour", "status", "productCode", "termDays", "autoRenew", "n")
SELECT date_trunc('hour', l."expiresAt"), l.status, l."productCode", COALESCE(l."termDays", 0), l."autoRenew", count(*)::int
  FROM "License" l WHERE l."expiresAt" IS NOT NULL
 GROUP BY 1, 2, 3, 4, 5;
