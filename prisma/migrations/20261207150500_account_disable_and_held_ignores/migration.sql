-- Issue 17 #11/#12: a reseller account can be disabled (its history stays), and an ignored sync
-- difference holds until either side's value changes.
--
-- 1. "ResellerAccount"."disabledAt": set while the account is disabled. No order may be created for a
--    disabled account, whatever the path (order form, licence action, renewal, bulk run, job): the
--    trigger below refuses the INSERT, before anything is sent to Sectigo. It takes a FOR SHARE lock
--    on the account row, so disabling (an UPDATE of that row) waits for an order being inserted to
--    commit, and then sees it (lib/settings/set-reseller-account-enabled.ts refuses to disable an
--    account with an order whose outcome is not known yet). SQLSTATE 'OD001' is mapped to a clear
--    message by lib/db/errors.ts (isAccountDisabled).
-- 2. "DriftIgnore": the pair of values a difference was ignored for, one per (account, kind, subject).
ALTER TABLE "ResellerAccount" ADD COLUMN "disabledAt" TIMESTAMP(3);

CREATE FUNCTION "order_account_enabled"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "ResellerAccount" WHERE id = NEW."resellerAccountId" AND "disabledAt" IS NOT NULL FOR SHARE) THEN
    RAISE EXCEPTION 'reseller account % is disabled', NEW."resellerAccountId" USING ERRCODE = 'OD001';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Order_account_enabled"
  BEFORE INSERT ON "Order"
  FOR EACH ROW
  EXECUTE FUNCTION "order_account_enabled"();

CREATE TABLE "DriftIgnore" (
    "id" TEXT NOT NULL,
    "resellerAccountId" TEXT NOT NULL,
    "kind" "DriftKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "ours" TEXT,
    "theirs" TEXT,
    "driftItemId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DriftIgnore_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "DriftIgnore_resellerAccountId_kind_subject_key" ON "DriftIgnore"("resellerAccountId", "kind", "subject");

ALTER TABLE "DriftIgnore" ADD CONSTRAINT "DriftIgnore_resellerAccountId_fkey" FOREIGN KEY ("resellerAccountId") REFERENCES "ResellerAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
