-- Issue 19 item 4, after *_expiry_tally: with expiries spread over the day (real data; the generated
-- world puts every expiry at midnight), the workspace's 121 days are ~2,900 hours of up to ~30 tally
-- rows each: summing ~50,000-90,000 rows per view would cost about what counting "License" did. So
-- the tally is also kept per expiry DAY: the reader sums a slot's whole days here, only the whole
-- hours of its two partial days in "ExpiryTally", and the partial hours at its ends in "License".
-- The same deltas ("ExpiryTallyDelta", per hour) feed both: the compaction folds them into both
-- tables in one statement (lib/licenses/expiry-workspace/expiry-tally.ts), so for every day D,
-- "ExpiryTallyDay"[D] = the sum of "ExpiryTally" over D's hours, deltas pending for both alike.

CREATE TABLE "ExpiryTallyDay" (
    "expiryDay" TIMESTAMP(3) NOT NULL,
    "status" "LicenseStatus" NOT NULL,
    "productCode" INTEGER NOT NULL,
    "termDays" INTEGER NOT NULL,
    "autoRenew" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "ExpiryTallyDay_pkey" PRIMARY KEY ("expiryDay","status","productCode","termDays","autoRenew")
);

-- From the hour tally itself (not from "License"), under the compaction's advisory lock, so the two
-- agree exactly with the deltas pending now (they are still to be folded into both).
SELECT pg_advisory_xact_lock(19554077200116857);
INSERT INTO "ExpiryTallyDay" ("expiryDay", "status", "productCode", "termDays", "autoRenew", "n")
SELECT date_trunc('day', "expiryHour"), status, "productCode", "termDays", "autoRenew", sum(n)::int
  FROM "ExpiryTally"
 GROUP BY 1, 2, 3, 4, 5;
