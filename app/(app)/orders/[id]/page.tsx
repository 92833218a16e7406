import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getOrder } from "@/lib/orders/get-order";
import { Card, PageHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { TableFrame, Td, Th } from "@/components/ui/table";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { StoryTimeline } from "@/components/story/story-timeline";
import { loadOrderStory } from "@/lib/story/load-order-story";
import { parseStoryParams } from "@/lib/story/merge-story";
import { buildStorySummary } from "@/lib/story/story-summary";
import { orderSubject } from "@/lib/story/story-subjects";
import { firstValues, type SearchParams } from "@/lib/pagination";
import { formatDate, formatMoney } from "@/components/ui/format";
import { orderPayer, PAYER_LABELS } from "@/lib/orders/order-payer";
import { WePay } from "@/components/orders/order-money";
import { CertificateNames } from "@/components/orders/certificate-names";
import { CUSTOMER_PAYS, NOTHING_CHARGED, orderMoney, WE_PAY } from "@/lib/orders/order-money";
import { AuthorizationButtons, ReconcileButton, SettleCandidates } from "@/components/orders/order-actions";
import { ChargedToCustomer } from "@/components/orders/charged-to-customer";

export const metadata: Metadata = { title: "Order" };

const timeFormat = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC" });

export default async function OrderPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("viewOrders");
  const { id } = await params;
  const [order, story] = await Promise.all([getOrder(actor, id), loadOrderStory(actor, id, parseStoryParams(firstValues(await searchParams)))]);
  if (!order || !story) notFound();
  const summary = buildStorySummary(orderSubject(order), story.entries, { truncated: story.truncated });
  const title = order.orderNumber ? `Order ${order.orderNumber}` : `Order ${order.foreignOrderNumber}`;
  return (
    <>
      <PageHeader
        title={title}
        description={`Our reference ${order.foreignOrderNumber} · ${accountName(order.resellerAccount)} · created ${timeFormat.format(order.createdAt)} UTC${order.placedBy ? ` by ${order.placedBy.name}` : ""}`}
        action={<OrderStatusBadge status={order.status} />}
      />
      <div className="space-y-6">
        <StatusPanel order={order} />
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Items">
            <TableFrame label="Items" head={<><Th>Product</Th><Th>Term</Th><Th>Domain</Th><Th>{CUSTOMER_PAYS}</Th></>}>
              {order.items.map((i) => (
                <tr key={i.id}>
                  <Td>
                    {i.productName} <span className="text-xs text-slate-600">#{i.productCode}</span> {i.isAddOn ? <Badge>add-on</Badge> : null}
                  </Td>
                  <Td>{i.days ? `${i.days} days` : "—"}</Td>
                  <Td>
                    <CertificateNames primary={i.domainName} names={i.domains} />
                  </Td>
                  <Td>{itemCustomerPays(i.cost, order)}</Td>
                </tr>
              ))}
            </TableFrame>
            <dl className="mt-3 grid grid-cols-2 gap-1 text-sm">
              <dt className="text-slate-600">Customer</dt>
              <dd>
                <Link className="text-brand-700 underline" href={`/customers/${order.customer.id}`}>{order.customer.name}</Link>{" "}
                <span className="text-slate-600">{order.customer.email}</span>
              </dd>
              {orderPayer(order.request) ? (<><dt className="text-slate-600">Who pays Sectigo</dt><dd>{PAYER_LABELS[orderPayer(order.request)!]}</dd></>) : null}
              <dt className="text-slate-600">{CUSTOMER_PAYS}</dt>
              <dd data-testid="order-customer-pays"><ChargedToCustomer sellTotal={order.sellTotal} currency={order.currency} items={order.items} payer={orderPayer(order.request)} nothingCharged={orderMoney(order).nothingCharged} /></dd>
              <dt className="text-slate-600">{WE_PAY} (Sectigo debits)</dt>
              <dd data-testid="order-we-pay">
                <WePay money={orderMoney(order)} currency={order.currency} />
              </dd>
              {order.testMode ? (<><dt className="text-slate-600">Mode</dt><dd><Badge tone="amber">test order (test=Y)</Badge></dd></>) : null}
            </dl>
          </Card>
          <Card title="Licenses">
            {order.targetLicense ? (
              <p className="mb-2 text-sm">
                {ACTS_ON[order.kind] ?? "Acts on"} the license of{" "}
                <Link className="font-medium text-brand-700 underline" href={`/licenses/${order.targetLicense.id}`}>{order.targetLicense.domainName}</Link>{" "}
                <span className="text-slate-600">· {order.targetLicense.productName} · expires {formatDate(order.targetLicense.expiresAt)}</span>
              </p>
            ) : null}
            {order.licenses.length === 0 && order.addOns.length === 0 ? (order.targetLicense ? null : (
              <p className="text-sm text-slate-600">{order.status === "PLACED" ? "This order created no SiteLock license." : "Licenses are recorded when the order is placed."}</p>
            )) : (
              <ul className="space-y-2 text-sm">
                {order.licenses.map((l) => (
                  <li key={l.id}>
                    <Link className="font-medium text-brand-700 underline" href={`/licenses/${l.id}`}>{l.domainName}</Link> · {l.productName} · expires {formatDate(l.expiresAt)}
                    {l.addOns.length ? <span className="block text-slate-600">Add-ons: {l.addOns.map((a) => a.productName).join(", ")}</span> : null}
                  </li>
                ))}
                {order.addOns.filter((a) => !order.licenses.some((l) => l.id === a.licenseId)).map((a) => (
                  <li key={a.id}>
                    {a.productName} added to the license of <Link className="font-medium text-brand-700 underline" href={`/licenses/${a.license.id}`}>{a.license.domainName}</Link>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <StoryTimeline story={story} base={`/orders/${order.id}`} label="Order timeline" summary={summary} currentOrderId={order.id} />
      </div>
    </>
  );
}

/** An item's "Customer pays", in the words of the order's own (ChargedToCustomer): never a price the order did not charge. */
function itemCustomerPays(cost: { toString(): string } | null, order: Parameters<typeof orderMoney>[0] & { request: unknown; currency: string | null }): string {
  if (orderMoney(order).nothingCharged) return NOTHING_CHARGED;
  if (cost === null && orderPayer(order.request) === "CUSTOMER_VIA_SECTIGO") return "by Sectigo";
  return formatMoney(cost, order.currency);
}

/** How an order that acts on an existing license says so (its `targetLicense`). */
const ACTS_ON: Partial<Record<string, string>> = {
  RENEWAL: "Renews",
  UPGRADE: "Upgrades",
  DOWNGRADE: "Downgrades",
  ADD_ON: "Adds to",
  CANCELLATION: "Cancels",
  REFUND: "Refunds",
};

function accountName(a: { label: string; mode: string }): string {
  const mode = a.mode === "LIVE" ? "live" : "sandbox";
  return a.label.toLowerCase().includes(mode) ? a.label : `${a.label} (${mode})`;
}

function StatusPanel({ order }: { order: NonNullable<Awaited<ReturnType<typeof getOrder>>> }) {
  switch (order.status) {
    case "UNKNOWN":
      return (
        <Card title="The outcome of this order is not known yet">
          <p className="mb-3 text-sm text-slate-700">
            {order.errorMessage ?? "Sectigo's answer was lost."} Order Desk never sends it again on its own: it asks Sectigo what happened (every minute, and when you press the button).
          </p>
          {order.can.settle && order.candidates ? (
            <SettleCandidates orderId={order.id} candidates={order.candidates} />
          ) : order.can.reconcile ? (
            <ReconcileButton orderId={order.id} />
          ) : null}
        </Card>
      );
    case "SUBMITTING":
      return (
        <Card title="Being sent to Sectigo">
          <p className="mb-3 text-sm text-slate-700">The order is on its way to Sectigo. If this stays for more than a minute, Order Desk checks with Sectigo what happened.</p>
          {order.can.reconcile ? <ReconcileButton orderId={order.id} /> : null}
        </Card>
      );
    case "AWAITING_AUTHORIZATION":
      return (
        <Card title="Waiting for authorization">
          <p className="mb-3 text-sm text-slate-700">
            Sectigo holds order {order.orderNumber} until you authorize it (after the customer has paid): then Sectigo debits your account. Rejecting it cancels it.
            {order.pendingAction ? " A decision is being sent to Sectigo." : ""}
          </p>
          {order.can.decide ? <AuthorizationButtons orderId={order.id} orderNumber={order.orderNumber ?? ""} /> : null}
        </Card>
      );
    case "FAILED":
      return (
        <Card title="This order was not placed">
          <p className="text-sm text-red-800">{order.errorMessage ?? "Sectigo refused the order."}</p>
          {order.errorField ? <p className="mt-1 text-sm text-slate-600">What Sectigo named: {order.errorField.split(",").join(", ")}.</p> : null}
          <p className="mt-1 text-sm text-slate-600">Nothing was bought and nothing was charged.</p>
        </Card>
      );
    default:
      return null;
  }
}
