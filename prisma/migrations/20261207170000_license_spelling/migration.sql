-- Issue 18: one spelling, "license", in code and in the schema's names. Renames only: no row is
-- rewritten except the few JSON keys and values the code reads back (below); Sectigo's own wire
-- names (CANCELLICENCE, licenceCode) are kept as Sectigo spells them.

ALTER TABLE "Order" RENAME COLUMN "licenceVersion" TO "licenseVersion";
ALTER TABLE "SyncRun" RENAME COLUMN "licencesSeen" TO "licensesSeen";
ALTER TABLE "RenewalRunItem" RENAME COLUMN "licenceId" TO "licenseId";
ALTER TABLE "RenewalWindowNotice" RENAME COLUMN "licenceId" TO "licenseId";
ALTER TABLE "DriftItem" RENAME COLUMN "licenceId" TO "licenseId";

ALTER INDEX "RenewalRunItem_licenceId_idx" RENAME TO "RenewalRunItem_licenseId_idx";
ALTER INDEX "RenewalRunItem_runId_licenceId_key" RENAME TO "RenewalRunItem_runId_licenseId_key";
ALTER INDEX "DriftItem_licenceId_idx" RENAME TO "DriftItem_licenseId_idx";
ALTER INDEX "Order_one_open_change_per_licence_key" RENAME TO "Order_one_open_change_per_license_key";
ALTER INDEX "Order_one_change_per_licence_version_key" RENAME TO "Order_one_change_per_license_version_key";

ALTER TABLE "RenewalRunItem" RENAME CONSTRAINT "RenewalRunItem_licenceId_fkey" TO "RenewalRunItem_licenseId_fkey";
ALTER TABLE "RenewalWindowNotice" RENAME CONSTRAINT "RenewalWindowNotice_licenceId_fkey" TO "RenewalWindowNotice_licenseId_fkey";
ALTER TABLE "DriftItem" RENAME CONSTRAINT "DriftItem_licenceId_fkey" TO "DriftItem_licenseId_fkey";

ALTER FUNCTION "licence_change_placed"() RENAME TO "license_change_placed";
ALTER TRIGGER "Order_licence_change_placed" ON "Order" RENAME TO "Order_license_change_placed";

-- JSON the code reads back: a bulk run's selection, and the request kept on each order (replayed by
-- reconciliation). Keys spelled "licence..." become "license..."; the client's operation name
-- "cancelLicence" becomes "cancelLicense". Values typed by people (domains, names) are not touched.
UPDATE "RenewalRun" SET "source" = regexp_replace("source"::text, '"([A-Za-z]*)([lL])icence([A-Za-z]*)":', '"\1\2icense\3":', 'g')::jsonb
  WHERE "source"::text ~ '[lL]icence';
UPDATE "Order" SET "request" = regexp_replace(
    regexp_replace("request"::text, '"([A-Za-z]*)([lL])icence(?!Code)([A-Za-z]*)":', '"\1\2icense\3":', 'g'),
    '"action": "cancelLicence"', '"action": "cancelLicense"', 'g')::jsonb
  WHERE "request" IS NOT NULL AND "request"::text ~ '[lL]icence';
