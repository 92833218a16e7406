-- Review of issue 19: the License trigger read its licenses' customers as committed when it ran, and
-- the Customer trigger read the customer's licenses as committed when IT ran; neither waited for the
-- other (a License write takes FOR KEY SHARE on its customer, a customer moved to another reseller
-- account takes FOR NO KEY UPDATE: no conflict). A license switched to auto-renew while, in another
-- transaction, its customer moved to another account stayed counted under the old account for good
-- (tests/integration/auto-renew-tally-concurrent-move.test.ts). Now the License trigger first takes
-- FOR SHARE on the customers of its rows: a concurrent move of one of them waits for this transaction
-- (its trigger then sees these licenses), or this trigger waits for the move and, re-reading after
-- the lock (a new statement: a new snapshot), counts them under the new account. License writers
-- still never wait for each other (FOR SHARE does not conflict with FOR SHARE or FOR KEY SHARE).

CREATE OR REPLACE FUNCTION "auto_renew_tally_license"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM 1 FROM "Customer" c WHERE c.id IN (SELECT "customerId" FROM new_rows) FOR SHARE;
    INSERT INTO "AutoRenewTallyDelta" ("expiryHour", "resellerAccountId", "productCode", "termDays", "n")
    SELECT date_trunc('hour', l."expiresAt"), c."resellerAccountId", l."productCode", COALESCE(l."termDays", 0), count(*)::int
      FROM new_rows l JOIN "Customer" c ON c.id = l."customerId"
     WHERE l."autoRenew" AND l.status IN ('ACTIVE', 'EXPIRED') AND l."expiresAt" IS NOT NULL
     GROUP BY 1, 2, 3, 4;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM 1 FROM "Customer" c WHERE c.id IN (SELECT "customerId" FROM old_rows) FOR SHARE;
    INSERT INTO "AutoRenewTallyDelta" ("expiryHour", "resellerAccountId", "productCode", "termDays", "n")
    SELECT date_trunc('hour', l."expiresAt"), c."resellerAccountId", l."productCode", COALESCE(l."termDays", 0), -count(*)::int
      FROM old_rows l JOIN "Customer" c ON c.id = l."customerId"
     WHERE l."autoRenew" AND l.status IN ('ACTIVE', 'EXPIRED') AND l."expiresAt" IS NOT NULL
     GROUP BY 1, 2, 3, 4;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM 1 FROM "Customer" c WHERE c.id IN (SELECT "customerId" FROM old_rows UNION SELECT "customerId" FROM new_rows) FOR SHARE;
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
