-- The account-disabled trigger (20261207150500) locked the account row only when it was already
-- disabled (`... AND "disabledAt" IS NOT NULL FOR SHARE` locks the rows it returns, and an enabled
-- account returns none), so an order inserted while the account was being disabled was written for
-- the now-disabled account (found by the issue 17 review). It now reads and locks the row whatever its
-- state: a disable (SELECT ... FOR UPDATE, lib/settings/set-reseller-account-enabled.ts) either waits
-- for the order to commit and then counts it as in flight, or commits first and the order is refused.
CREATE OR REPLACE FUNCTION "order_account_enabled"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  disabled TIMESTAMP(3);
BEGIN
  SELECT "disabledAt" INTO disabled FROM "ResellerAccount" WHERE id = NEW."resellerAccountId" FOR SHARE;
  IF disabled IS NOT NULL THEN
    RAISE EXCEPTION 'reseller account % is disabled', NEW."resellerAccountId" USING ERRCODE = 'OD001';
  END IF;
  RETURN NEW;
END;
$$;
