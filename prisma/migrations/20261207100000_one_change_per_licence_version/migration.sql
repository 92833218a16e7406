-- Issue 16 #7: one licence-changing order at a time, held by the database for good.
--
-- The partial unique index "Order_one_open_change_per_licence_key" holds one OPEN (SUBMITTING or
-- UNKNOWN) change per licence. It could not stop a request that read the licence as cancellable
-- before the first cancellation settled and inserted its own order just after it: by then the first
-- order was PLACED, outside the index, and a second cancellation reached Sectigo ("already
-- refunded"). The check a request makes ("active, nothing pending, not on that plan yet, has not that
-- add-on") must still hold when its order is claimed, atomically, whatever the kind.
--
-- 1. "License"."changeVersion" counts the licence-changing orders PLACED on the licence. A trigger
--    raises it in the transaction that settles such an order (every path: the answer to the call,
--    the one-statement renewal, reconciliation, a person settling an unknown outcome), so the
--    licence's new state and its new version are committed together.
-- 2. Each new licence-changing order records the version its request read ("licenceVersion"), and
--    at most one order per (licence, version) that did not fail may exist. A request that read
--    version v loses to any other order made on v: still open (its outcome unknown) or placed (the
--    licence changed since). A FAILED or REJECTED order changed nothing and frees the version.
--    No lock and no extra statement: the unique index decides inside the claim's own INSERT.
-- Orders from before this migration keep a NULL version, which the index ignores (the open-order
-- index still holds them); no CHECK forces the version, because a check also applies to every later
-- UPDATE of those rows (settling or reconciling them). The pipeline's schema requires it instead
-- (lib/orders/submission.ts), and cancel-license.ts writes it itself.
-- Prisma models neither the partial index nor the trigger: they live here only.
ALTER TABLE "License" ADD COLUMN "changeVersion" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Order" ADD COLUMN "licenceVersion" INTEGER;

CREATE UNIQUE INDEX "Order_one_change_per_licence_version_key" ON "Order" ("targetLicenseId", "licenceVersion")
  WHERE "status" NOT IN ('FAILED', 'REJECTED') AND "kind" IN ('RENEWAL', 'UPGRADE', 'DOWNGRADE', 'CANCELLATION', 'REFUND', 'ADD_ON');

CREATE FUNCTION "licence_change_placed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "License" SET "changeVersion" = "changeVersion" + 1 WHERE id = NEW."targetLicenseId";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Order_licence_change_placed"
  AFTER UPDATE OF "status" ON "Order"
  FOR EACH ROW
  WHEN (NEW."status" = 'PLACED' AND OLD."status" IS DISTINCT FROM 'PLACED' AND NEW."targetLicenseId" IS NOT NULL
        AND NEW."kind" IN ('RENEWAL', 'UPGRADE', 'DOWNGRADE', 'CANCELLATION', 'REFUND', 'ADD_ON'))
  EXECUTE FUNCTION "licence_change_placed"();
