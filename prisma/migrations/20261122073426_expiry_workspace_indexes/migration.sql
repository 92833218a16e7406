-- CreateIndex
CREATE INDEX "License_expiresAt_id_idx" ON "License"("expiresAt", "id");

-- CreateIndex
CREATE INDEX "License_expiresAt_status_productCode_termDays_autoRenew_idx" ON "License"("expiresAt", "status", "productCode", "termDays", "autoRenew");

-- CreateIndex
CREATE INDEX "License_autoRenew_expiresAt_id_idx" ON "License"("autoRenew", "expiresAt", "id");
