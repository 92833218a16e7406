import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { appNow } from "@/lib/clock/app-clock";
import { listLicenses, licensesQuerySchema, LICENSE_SORTS } from "@/lib/licenses/queries/list-licenses";
import { describeSort, firstValues, type SearchParams } from "@/lib/pagination";
import { PageHeader } from "@/components/ui/card";
import { LicensesTable } from "@/components/licenses/licenses-table";

export const metadata: Metadata = { title: "Licenses" };

export default async function LicensesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("viewLicenses");
  const query = licensesQuerySchema.parse(firstValues(await searchParams));
  const now = await appNow();
  const page = await listLicenses(actor, query, now);
  return (
    <>
      <PageHeader
        title="Licenses"
        description={`What expires when. SiteLock licenses renew only in the 30 days before expiry. ${describeSort(LICENSE_SORTS, query)}`}
      />
      <LicensesTable page={page} query={{ ...query, page: page.page }} now={now} />
    </>
  );
}
