-- CreateIndex
CREATE INDEX "AuditEntry_changes_idx" ON "AuditEntry" USING GIN ("changes" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "Order_customerId_createdAt_idx" ON "Order"("customerId", "createdAt");
