-- Issue 10: support's lookup and the Licenses/Customers lists at 1,000,000 licences and 250,000
-- customers, every search through an index (never a scan of the table):
-- - a licence's domain by its labels (the same label index the orders list has on OrderItem,
--   lib/search/domain-search.ts), by its start (text_pattern_ops), and a fragment from inside
--   one label through pg_trgm (the fallback when nothing else matched);
-- - the Licenses list sorted by product walks (productName, id);
-- - a customer's name by its start, in any case, also for a two-letter term (pg_trgm needs three).
-- Prisma cannot declare expression or operator-class indexes; its differ leaves them alone.
CREATE INDEX "License_domain_labels_idx" ON "License" USING GIN (domain_search_tokens("domainName"));
CREATE INDEX "License_domainName_pattern_idx" ON "License"("domainName" text_pattern_ops);
CREATE INDEX "License_domainName_trgm_idx" ON "License" USING GIN ("domainName" gin_trgm_ops);
CREATE INDEX "License_productName_id_idx" ON "License"("productName", "id");
CREATE INDEX "Customer_name_lower_pattern_idx" ON "Customer"(lower("name") text_pattern_ops);
-- A licence by the order that created it (support pastes that order's number).
CREATE INDEX "License_orderId_idx" ON "License"("orderId");
-- Statistics for the new expression indexes, so the planner knows how rare a label is.
ANALYZE "License";
ANALYZE "Customer";
