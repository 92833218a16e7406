import Link from "next/link";
import type { CustomerStory } from "@/lib/customers/get-customer";
import { Card } from "@/components/ui/card";
import { TableFrame, Td, Th } from "@/components/ui/table";
import { formatDate, formatMoney } from "@/components/ui/format";
import { LicenseStatusBadge } from "@/components/licenses/license-status-badge";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";

/** A customer's details, newest licenses and newest orders (the full lists are one link away). */
export function CustomerOverview({ customer }: { customer: CustomerStory }) {
  const byEmail = encodeURIComponent(customer.email);
  return (
    <div className="space-y-6">
      <Card title="Details">
        <dl className="grid grid-cols-2 gap-1 text-sm sm:grid-cols-4">
          <dt className="text-slate-600">Email</dt>
          <dd>{customer.email}</dd>
          <dt className="text-slate-600">Name</dt>
          <dd>{[customer.foreName, customer.surName].filter(Boolean).join(" ") || "—"}</dd>
          <dt className="text-slate-600">Telephone</dt>
          <dd>{customer.telephone ?? "—"}</dd>
          <dt className="text-slate-600">Country</dt>
          <dd>{customer.country ?? "—"}</dd>
          <dt className="text-slate-600">Reseller account</dt>
          <dd>{customer.resellerAccount.label}</dd>
          <dt className="text-slate-600">Account manager</dt>
          <dd>{customer.accountManager?.name ?? "—"}</dd>
          <dt className="text-slate-600">Licenses</dt>
          <dd>{customer.licenseCount}</dd>
          <dt className="text-slate-600">Orders</dt>
          <dd>{customer.orderCount}</dd>
        </dl>
      </Card>
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Licenses" action={<Link className="text-sm text-brand-700 hover:underline" href={`/licenses?q=${byEmail}`}>All licenses</Link>}>
          <TableFrame label="Customer licenses" head={<><Th>Domain</Th><Th>Product</Th><Th>Expires</Th><Th>Status</Th></>}
            empty={customer.licenses.length === 0 ? <p className="p-4 text-sm text-slate-600">No license yet.</p> : null}>
            {customer.licenses.map((l) => (
              <tr key={l.id}>
                <Td><Link className="text-brand-700 underline" href={`/licenses/${l.id}`}>{l.domainName}</Link></Td>
                <Td>{l.productName}</Td>
                <Td className="whitespace-nowrap">{formatDate(l.expiresAt)}</Td>
                <Td><LicenseStatusBadge status={l.derivedStatus} /></Td>
              </tr>
            ))}
          </TableFrame>
        </Card>
        <Card title="Orders" action={<Link className="text-sm text-brand-700 hover:underline" href={`/orders?q=${byEmail}`}>All orders</Link>}>
          <TableFrame label="Customer orders" head={<><Th>Order</Th><Th>Kind</Th><Th>Created</Th><Th>Amount</Th><Th>Status</Th></>}
            empty={customer.orders.length === 0 ? <p className="p-4 text-sm text-slate-600">No order yet.</p> : null}>
            {customer.orders.map((o) => (
              <tr key={o.id}>
                <Td><Link className="text-brand-700 underline" href={`/orders/${o.id}`}>{o.orderNumber ?? o.foreignOrderNumber}</Link></Td>
                <Td>{o.kind.toLowerCase().replace("_", "-")}</Td>
                <Td className="whitespace-nowrap">{formatDate(o.createdAt)}</Td>
                <Td>{formatMoney(o.sellTotal, o.currency)}</Td>
                <Td><OrderStatusBadge status={o.status} /></Td>
              </tr>
            ))}
          </TableFrame>
        </Card>
      </div>
    </div>
  );
}
