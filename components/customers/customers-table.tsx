import Link from "next/link";
import type { listCustomers, CustomersQuery } from "@/lib/customers/list-customers";
import { FilterBar, FilterSearch, Pagination, SortHeader, TableFrame, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/components/ui/format";
import { Breakable } from "@/components/ui/breakable";

type Props = { page: Awaited<ReturnType<typeof listCustomers>>; query: CustomersQuery };

export function CustomersTable({ page, query }: Props) {
  const base = "/customers";
  return (
    <>
      <FilterBar action={base} query={query}>
        <FilterSearch value={query.q} placeholder="Name or email" />
      </FilterBar>
      <TableFrame
        label="Customers"
        stack
        head={
          <>
            <SortHeader base={base} query={query} column="name" label="Name" />
            <SortHeader base={base} query={query} column="email" label="Email" />
            <Th>Customer since</Th>
            <Th>Licenses</Th>
            <Th>Orders</Th>
            <Th className="max-sm:hidden">Country</Th>
          </>
        }
        empty={page.rows.length === 0 ? <p className="p-6 text-center text-sm text-slate-600">No customers match.</p> : null}
      >
        {page.rows.map((c) => (
          <tr key={c.id}>
            <Td span="all" className="font-medium">
              <Link className="text-brand-700 hover:underline" href={`/customers/${c.id}`}>
                {c.name}
              </Link>
            </Td>
            <Td label="Email" span="all">
              <Breakable text={c.email} />
            </Td>
            <Td label="Customer since" className="whitespace-nowrap">{c.firstOrderAt ? formatDate(c.firstOrderAt) : <span className="text-slate-600">no orders yet</span>}</Td>
            <Td label="Licenses">{c.licenseCount}</Td>
            <Td label="Orders">{c.orderCount}</Td>
            <Td label="Country" phone="hide">{c.country ?? "—"}</Td>
          </tr>
        ))}
      </TableFrame>
      <Pagination base={base} query={query} page={page.page} pageCount={page.pageCount} total={page.total} totalCapped={page.totalCapped} />
    </>
  );
}
