-- Issue 9 review #3, the renewal half: a renewal racing a plan change, cancellation, refund or
-- add-on on the same licence (both past their "is another order pending?" check) could reach
-- Sectigo twice. Renewals join the one-open-order-per-licence index: the loser's insert fails with a
-- unique violation (not on its submission key), answered as ORDER_PENDING by lib/orders/renew-license.ts.
-- A renewal's own key (licence and period) still answers a second click on the same renewal first.
DROP INDEX IF EXISTS "Order_one_open_change_per_licence_key";
CREATE UNIQUE INDEX "Order_one_open_change_per_licence_key" ON "Order" ("targetLicenseId")
  WHERE "status" IN ('SUBMITTING', 'UNKNOWN') AND "kind" IN ('RENEWAL', 'UPGRADE', 'DOWNGRADE', 'CANCELLATION', 'REFUND', 'ADD_ON');
