-- Issue 17 item 8: every name a certificate order item covers (the CSR's common name and subject
-- alternative names, or the product's domain field), found by the lookup and the orders list at
-- 1,000,000 orders through the same kinds of index as OrderItem.domainName: whole (btree), start
-- (text_pattern_ops), labels (domain_search_tokens, lib/search/domain-search.ts) and fragments (pg_trgm).
-- The last two are raw: Prisma declares neither operator classes on btree nor expression indexes.
-- Existing orders get their names from their recorded CSR by lib/orders/backfill-order-domains.ts
-- (SQL cannot read a CSR).
-- Issue 17 item 9: Order.buyTotal, what we expect Sectigo to debit (our configured buy prices).
-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "buyTotal" DECIMAL(12,2);

-- CreateTable
CREATE TABLE "OrderItemDomain" (
    "id" TEXT NOT NULL,
    "orderItemId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "domainName" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "OrderItemDomain_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrderItemDomain_domainName_idx" ON "OrderItemDomain"("domainName");

-- CreateIndex
CREATE INDEX "OrderItemDomain_orderId_idx" ON "OrderItemDomain"("orderId");

-- CreateIndex
CREATE INDEX "OrderItemDomain_domainName_trgm_idx" ON "OrderItemDomain" USING GIN ("domainName" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "OrderItemDomain_orderItemId_domainName_key" ON "OrderItemDomain"("orderItemId", "domainName");

-- AddForeignKey
ALTER TABLE "OrderItemDomain" ADD CONSTRAINT "OrderItemDomain_orderItemId_fkey" FOREIGN KEY ("orderItemId") REFERENCES "OrderItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderItemDomain" ADD CONSTRAINT "OrderItemDomain_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateIndex (raw: a domain's start, and its labels)
CREATE INDEX "OrderItemDomain_domainName_pattern_idx" ON "OrderItemDomain"("domainName" text_pattern_ops);
CREATE INDEX "OrderItemDomain_domain_labels_idx" ON "OrderItemDomain" USING GIN (domain_search_tokens("domainName"));
