import Link from "next/link";
import type { LicenceStory } from "@/lib/licenses/get-license";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { TableFrame, Td, Th } from "@/components/ui/table";
import { formatDate, formatMoney } from "@/components/ui/format";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { AddOnForm, AutoRenewSwitch, RenewButton } from "@/components/licenses/licence-actions";
import { renewalFailureMessage } from "@/lib/orders/renew-license";
import { SECTIGO_BILLS_CUSTOMER_NOTE, SECTIGO_BILLS_CUSTOMER_REFUSALS } from "@/lib/licenses/licence-payer";

const DAY_MS = 86_400_000;
const KIND_LABELS: Record<string, string> = {
  NEW: "New license",
  ADD_ON: "Add-on",
  RENEWAL: "Renewal",
  UPGRADE: "Upgrade",
  DOWNGRADE: "Downgrade",
  CANCELLATION: "Cancellation",
  REFUND: "Refund",
};
const timeFormat = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

function termLabel(days: number | null): string {
  if (!days) return "no fixed term";
  return days === 365 ? "1 year" : `${days} days`;
}

/** The licence page's body: facts, renewal, auto-renew, add-ons and the chain of orders. */
export function LicenceDetails({ licence, now, renewedOrderId }: { licence: LicenceStory; now: Date; renewedOrderId?: string }) {
  // Only an order of this licence's own chain: the query string is input.
  const renewed = renewedOrderId ? licence.chain.find((o) => o.id === renewedOrderId && o.kind === "RENEWAL") : undefined;
  return (
    <div className="space-y-6">
      {renewed ? <RenewalResult order={renewed} licence={licence} /> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="License">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">Product</dt>
            <dd>
              {licence.productName} <span className="text-xs text-slate-600">#{licence.productCode}</span>
              {licence.tier ? <span className="block text-xs text-slate-600">{licence.tier}</span> : null}
            </dd>
            <dt className="text-slate-600">Domain</dt>
            <dd className="break-all">{licence.domainName}</dd>
            <dt className="text-slate-600">Customer</dt>
            <dd>
              <Link className="text-brand-700 underline" href={`/customers/${licence.customer.id}`}>{licence.customer.name}</Link>{" "}
              <span className="text-slate-600">{licence.customer.email}</span>
            </dd>
            <dt className="text-slate-600">Term</dt>
            <dd>{termLabel(licence.termDays)}</dd>
            <dt className="text-slate-600">Started</dt>
            <dd>{formatDate(licence.startsAt)}</dd>
            <dt className="text-slate-600">Expires</dt>
            <dd data-testid="licence-expiry">{formatDate(licence.expiresAt)}</dd>
            <dt className="text-slate-600">Sectigo order</dt>
            <dd>{licence.currentOrderNumber ?? "—"}</dd>
            <dt className="text-slate-600">Who pays</dt>
            <dd data-testid="licence-payer">{licence.sectigoBillsCustomer ? SECTIGO_BILLS_CUSTOMER_NOTE : "Our reseller account: renewals, add-ons and plan changes ordered here are debited from our funds."}</dd>
          </dl>
          {licence.can.manage ? (
            <p className="mt-4 flex flex-wrap gap-3 text-sm">
              {licence.can.changePlan ? <Link className="text-brand-700 underline" href={`/licenses/${licence.id}/change-plan`}>Change plan (upgrade or downgrade)</Link> : null}
              <Link className="text-brand-700 underline" href={`/licenses/${licence.id}/cancel`}>Cancel or refund</Link>
            </p>
          ) : null}
        </Card>
        <RenewalCard licence={licence} />
      </div>
      <AutoRenewCard licence={licence} />
      <AddOnsCard licence={licence} now={now} />
      <ChainCard licence={licence} />
    </div>
  );
}

function RenewalResult({ order, licence }: { order: LicenceStory["chain"][number]; licence: LicenceStory }) {
  const number = order.orderNumber ?? order.foreignOrderNumber;
  const [tone, text] =
    order.status === "PLACED"
      ? (["border-green-300 bg-green-50 text-green-900", `Renewed: Sectigo placed order ${number}. New expiry: ${formatDate(licence.expiresAt)}.`] as const)
      : order.status === "FAILED"
        ? (["border-red-300 bg-red-50 text-red-900", renewalFailureMessage(order.errorCode ?? undefined, order.errorMessage ?? "see the order.")] as const)
        : order.status === "UNKNOWN" || order.status === "SUBMITTING"
          ? (["border-amber-300 bg-amber-50 text-amber-900", `Sectigo's answer was lost, so whether renewal ${number} was placed is not known yet. It will not be sent again; Order Desk is checking with Sectigo.`] as const)
          : (["border-slate-300 bg-slate-50 text-slate-900", `Renewal ${number}: ${order.status.toLowerCase().replace(/_/g, " ")}.`] as const);
  return (
    <p role="status" data-testid="renewal-result" className={`rounded-md border p-3 text-sm ${tone}`}>
      {text}{" "}
      <Link className="underline" href={`/orders/${order.id}`}>See the order</Link>
    </p>
  );
}

function RenewalCard({ licence }: { licence: LicenceStory }) {
  const e = licence.eligibility;
  const price = licence.quote?.sellTotal !== null && licence.quote?.sellTotal !== undefined ? formatMoney(licence.quote.sellTotal, licence.quote.currency) : "the price Sectigo charges (no sell price is set for this plan)";
  const newExpiry = licence.expiresAt && licence.termDays ? new Date(licence.expiresAt.getTime() + (licence.termDays === 30 ? 30 : 365) * DAY_MS) : null;
  return (
    <Card title="Renewal">
      {e.ok ? (
        <>
          <p className="mb-3 text-sm text-slate-700">
            The renewal window is open until {formatDate(licence.expiresAt)}. Renewing adds {termLabel(licence.termDays === 30 ? 30 : 365)} from the current expiry
            {licence.addOns.some((a) => a.status === "ACTIVE") ? "; its add-ons renew with it" : ""}.
          </p>
          {licence.quote ? (
            <ul className="mb-3 text-sm text-slate-700">
              {licence.quote.items.map((i) => (
                <li key={i.productCode}>
                  {i.productName}: {formatMoney(i.sellPrice, licence.quote?.currency)}
                </li>
              ))}
            </ul>
          ) : null}
          {licence.can.renew ? (
            <RenewButton
              licenceId={licence.id}
              expiresAt={licence.expiresAt!.toISOString()}
              domainName={licence.domainName}
              termLabel={termLabel(licence.termDays === 30 ? 30 : 365)}
              priceText={price}
              newExpiryText={formatDate(newExpiry)}
            />
          ) : (
            <p className="text-sm text-slate-600">An account manager or an admin can renew it.</p>
          )}
        </>
      ) : (
        <p className="text-sm text-slate-700" data-testid="renewal-refusal">{e.message}</p>
      )}
    </Card>
  );
}

function AutoRenewCard({ licence }: { licence: LicenceStory }) {
  return (
    <Card title="Auto-renew">
      <p className="text-sm text-slate-700">
        Auto-renew is <span className="font-medium" data-testid="auto-renew-state">{licence.autoRenew ? "on" : "off"}</span> for this license.
        {licence.autoRenew ? " Sectigo renews it itself at expiry (the reseller account needs the funds then), so Order Desk never renews it: switch it off to renew by hand." : " Order Desk renews it only when someone renews it here or in a bulk run."}
      </p>
      <p className="mt-1 text-sm text-slate-600">
        The reseller account&apos;s default for new orders ({licence.customer.resellerAccount.label}) is {licence.autoRenewDefault ? "on" : "off"}.
        {licence.autoRenewSwitchedBy ? ` Last switched by ${licence.autoRenewSwitchedBy.by} on ${timeFormat.format(licence.autoRenewSwitchedBy.at)} UTC.` : ""}
      </p>
      {licence.sectigoBillsCustomer && !licence.autoRenew ? <p className="mt-1 text-sm text-slate-700">{SECTIGO_BILLS_CUSTOMER_REFUSALS.autoRenew}</p> : null}
      {licence.can.switchAutoRenew ? (
        <div className="mt-3">
          <AutoRenewSwitch licenceId={licence.id} autoRenew={licence.autoRenew} />
        </div>
      ) : null}
    </Card>
  );
}

function AddOnsCard({ licence, now }: { licence: LicenceStory; now: Date }) {
  return (
    <Card title="Add-ons">
      {licence.addOns.length === 0 ? (
        <p className="text-sm text-slate-600">This license has no add-ons.</p>
      ) : (
        <TableFrame label="Add-ons" head={<><Th>Add-on</Th><Th>Status</Th><Th>Expires</Th></>}>
          {licence.addOns.map((a) => (
            <tr key={a.id}>
              <Td>{a.productName} <span className="text-xs text-slate-600">#{a.productCode}</span></Td>
              <Td>{a.status === "ACTIVE" ? (a.expiresAt && a.expiresAt <= now ? <Badge tone="red">Expired</Badge> : <Badge tone="green">Active</Badge>) : <Badge>{a.status.toLowerCase()}</Badge>}</Td>
              <Td>
                {formatDate(a.expiresAt)}
                {a.outlivesLicence ? (
                  <span className="block text-xs text-amber-800" role="note">
                    Outlives its license ({formatDate(licence.expiresAt)}): an add-on cannot be used without its product, so renew the license too.
                  </span>
                ) : null}
              </Td>
            </tr>
          ))}
        </TableFrame>
      )}
      {licence.availableAddOns.length > 0 ? (
        <div className="mt-4 text-sm">
          <p className="text-slate-700">Its plan may also take: {licence.availableAddOns.map((a) => a.name).join(", ")}.</p>
          {licence.sectigoBillsCustomer ? <p className="mt-1 text-slate-700">{SECTIGO_BILLS_CUSTOMER_REFUSALS.addOn}</p> : null}
          {licence.can.addOn ? (
            <AddOnForm
              licenceId={licence.id}
              options={licence.availableAddOns.map((a) => ({ productId: a.productId, name: a.name, priceText: a.price ? formatMoney(a.price.sellPrice, a.price.currency) : "price not set" }))}
            />
          ) : null}
        </div>
      ) : (
        <p className="mt-4 text-sm text-slate-600">Its plan takes no further add-ons.</p>
      )}
    </Card>
  );
}

function ChainCard({ licence }: { licence: LicenceStory }) {
  return (
    <Card title="Orders on this license">
      <TableFrame label="Orders on this license" head={<><Th>Order</Th><Th>Kind</Th><Th>Status</Th><Th>Who</Th><Th>When (UTC)</Th></>}>
        {licence.chain.map((o) => (
          <tr key={o.id}>
            <Td>
              <Link className="text-brand-700 underline" href={`/orders/${o.id}`}>{o.orderNumber ?? o.foreignOrderNumber}</Link>
            </Td>
            <Td>{KIND_LABELS[o.kind] ?? o.kind}{o.createdTheLicence ? <span className="block text-xs text-slate-600">created the license</span> : null}</Td>
            <Td><OrderStatusBadge status={o.status} /></Td>
            <Td>{o.who}</Td>
            <Td className="whitespace-nowrap">{timeFormat.format(o.createdAt)}</Td>
          </tr>
        ))}
      </TableFrame>
    </Card>
  );
}
