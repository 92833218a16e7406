-- Issue 19 item 4: the renewals page's funds warning asked Sectigo for each account's balance on every
-- view (getAccountBalance: 100-250 ms per call on the loaded 2-core machine with the local sandbox;
-- a network round trip to Sectigo in production). The last answer per account is kept here, shared
-- by every app instance: a view within its freshness reads it (the page says "as of HH:MM UTC"), a
-- later view shows it and one instance (the one that claims the row) asks Sectigo again beside the page.
CREATE TABLE "AccountBalanceSnapshot" (
    "resellerAccountId" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "available" DOUBLE PRECISION,
    "creditLimit" DOUBLE PRECISION,
    "currency" TEXT,
    "message" TEXT,
    "fetchedAt" TIMESTAMP(3) NOT NULL,
    "claimedAt" TIMESTAMP(3),

    CONSTRAINT "AccountBalanceSnapshot_pkey" PRIMARY KEY ("resellerAccountId")
);

ALTER TABLE "AccountBalanceSnapshot" ADD CONSTRAINT "AccountBalanceSnapshot_resellerAccountId_fkey" FOREIGN KEY ("resellerAccountId") REFERENCES "ResellerAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
