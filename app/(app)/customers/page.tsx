import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { listCustomers, customersQuerySchema, CUSTOMER_SORTS } from "@/lib/customers/list-customers";
import { describeSort, firstValues, type SearchParams } from "@/lib/pagination";
import { PageHeader } from "@/components/ui/card";
import { CustomersTable } from "@/components/customers/customers-table";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("viewCustomers");
  const query = customersQuerySchema.parse(firstValues(await searchParams));
  const page = await listCustomers(actor, query);
  return (
    <>
      <PageHeader title="Customers" description={`End customers of the reseller. ${describeSort(CUSTOMER_SORTS, query)}`} />
      <CustomersTable page={page} query={{ ...query, page: page.page }} />
    </>
  );
}
