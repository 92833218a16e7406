-- Orders list at 1,000,000 orders (issue 8): keyset paging per sort column, the staff and
-- product family filters, and for the search e-mail and domain starts (btree text_pattern_ops: Prisma
-- cannot declare these, and its differ leaves them alone), name and domain parts (pg_trgm).
-- pg_trgm ships with PostgreSQL's contrib (and the embedded binaries). Prisma does not manage
-- extensions without its preview feature, so the diff neither creates nor drops it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Customer_email_pattern_idx" ON "Customer"("email" text_pattern_ops);

-- CreateIndex
CREATE INDEX "Customer_name_trgm_idx" ON "Customer" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Order_createdAt_id_idx" ON "Order"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Order_status_id_idx" ON "Order"("status", "id");

-- CreateIndex
CREATE INDEX "Order_orderNumber_id_idx" ON "Order"("orderNumber", "id");

-- CreateIndex
CREATE INDEX "Order_placedById_createdAt_idx" ON "Order"("placedById", "createdAt");

-- CreateIndex
CREATE INDEX "OrderItem_productCode_orderId_idx" ON "OrderItem"("productCode", "orderId");

-- CreateIndex
-- CreateIndex (raw only, like the e-mail one: a domain's start)
CREATE INDEX "OrderItem_domainName_pattern_idx" ON "OrderItem"("domainName" text_pattern_ops);

-- CreateIndex
CREATE INDEX "OrderItem_domainName_trgm_idx" ON "OrderItem" USING GIN ("domainName" gin_trgm_ops);
