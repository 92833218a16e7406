-- Issue 9 review #3: at most one order whose outcome is not known yet (SUBMITTING or UNKNOWN) that
-- changes a licence (plan change, cancellation, refund, add-on), enforced by the database: two tabs
-- that both pass the "is another order pending?" check cannot both insert their order. The second
-- insert fails with a unique violation, which the use cases answer as ORDER_PENDING (data).
-- Renewals are not in it: their own key per licence and period already makes them exactly once
-- (lib/orders/renew-license.ts), and they check the other kinds before they claim.
-- Prisma does not model partial indexes: this one lives here only, and its differ leaves it alone.
CREATE UNIQUE INDEX "Order_one_open_change_per_licence_key" ON "Order" ("targetLicenseId")
  WHERE "status" IN ('SUBMITTING', 'UNKNOWN') AND "kind" IN ('UPGRADE', 'DOWNGRADE', 'CANCELLATION', 'REFUND', 'ADD_ON');
