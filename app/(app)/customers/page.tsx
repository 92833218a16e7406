import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { listCustomers, customersQuerySchema } from "@/lib/customers/list-customers";
import { firstValues, type SearchParams } from "@/lib/pagination";
import { PageHeader } from "@/components/ui/card";
import { FilterBar, FilterSearch, Pagination, SortHeader, TableFrame, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/components/ui/format";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("viewCustomers");
  const params = firstValues(await searchParams);
  const query = customersQuerySchema.parse(params);
  const page = await listCustomers(actor, query);
  const base = "/customers";
  return (
    <>
      <PageHeader title="Customers" description="End customers of the reseller." />
      <FilterBar action={base}>
        <FilterSearch value={query.q} placeholder="Name or email" />
      </FilterBar>
      <TableFrame
        head={
          <>
            <SortHeader base={base} params={params} column="name" label="Name" sort={query.sort} dir={query.dir} />
            <SortHeader base={base} params={params} column="email" label="Email" sort={query.sort} dir={query.dir} />
            <Th>Country</Th>
            <Th>Licenses</Th>
            <Th>Orders</Th>
            <SortHeader base={base} params={params} column="createdAt" label="Since" sort={query.sort} dir={query.dir} />
          </>
        }
        empty={page.rows.length === 0 ? <p className="p-6 text-center text-sm text-slate-500">No customers match.</p> : null}
      >
        {page.rows.map((c) => (
          <tr key={c.id}>
            <Td className="font-medium">{c.name}</Td>
            <Td>{c.email}</Td>
            <Td>{c.country ?? "—"}</Td>
            <Td>{c._count.licenses}</Td>
            <Td>{c._count.orders}</Td>
            <Td>{formatDate(c.createdAt)}</Td>
          </tr>
        ))}
      </TableFrame>
      <Pagination base={base} params={params} page={page.page} pageCount={page.pageCount} total={page.total} />
    </>
  );
}
