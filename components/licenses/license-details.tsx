import Link from "next/link";
import type { LicenseStory } from "@/lib/licenses/queries/get-license";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { TableFrame, Td, Th } from "@/components/ui/table";
import { formatDate, formatMoney } from "@/components/ui/format";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { AddOnForm, AutoRenewSwitch, RenewButton } from "@/components/licenses/license-actions";
import { renewalFailureMessage } from "@/lib/licenses/actions/renew";
import { productById } from "@/lib/catalog";
import { SECTIGO_BILLS_CUSTOMER_NOTE, SECTIGO_BILLS_CUSTOMER_REFUSALS } from "@/lib/licenses/rules/payer";

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

/** "Refunded on 3 Dec 2026 ($99.99 back to our Sectigo account)": how and when it ended, never an expiry it will not reach. */
export function endingText(ending: NonNullable<LicenseStory["ending"]>): string {
  const how = ending.how === "REFUNDED" ? "Refunded" : "Cancelled";
  const when = ending.on ? ` on ${formatDate(ending.on)}` : " at Sectigo";
  const money = ending.how === "REFUNDED" ? (ending.amountBack ? ` (${formatMoney(ending.amountBack.amount, ending.amountBack.currency)} back to our Sectigo account)` : "") : " (no refund)";
  return `${how}${when}${money}`;
}

/** The order form prefilled with this license's product, domain and customer (app/(app)/orders/new/page.tsx reads them). */
function newOrderHref(license: LicenseStory): string {
  const q = new URLSearchParams({ domain: license.domainName, customer: license.customer.id });
  const key = productById(license.productCode)?.key;
  if (key) q.set("product", key);
  return `/orders/new?${q.toString()}`;
}

/** The license page's body: facts, renewal, auto-renew, add-ons and the chain of orders. */
export function LicenseDetails({ license, now, renewedOrderId, changedOrderId }: { license: LicenseStory; now: Date; renewedOrderId?: string; changedOrderId?: string }) {
  // Only an order of this license's own chain: the query string is input.
  const renewed = renewedOrderId ? license.chain.find((o) => o.id === renewedOrderId && o.kind === "RENEWAL") : undefined;
  const changed = changedOrderId ? license.chain.find((o) => o.id === changedOrderId && (o.kind === "UPGRADE" || o.kind === "DOWNGRADE")) : undefined;
  return (
    <div className="space-y-6">
      {renewed ? <RenewalResult order={renewed} license={license} /> : null}
      {changed ? <PlanChangeResult order={changed} license={license} /> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="License">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">Product</dt>
            <dd>
              {license.productName} <span className="text-xs text-slate-600">#{license.productCode}</span>
              {license.tier ? <span className="block text-xs text-slate-600">{license.tier}</span> : null}
            </dd>
            <dt className="text-slate-600">Domain</dt>
            <dd className="break-all">{license.domainName}</dd>
            <dt className="text-slate-600">Customer</dt>
            <dd>
              <Link className="text-brand-700 underline" href={`/customers/${license.customer.id}`}>{license.customer.name}</Link>{" "}
              <span className="text-slate-600">{license.customer.email}</span>
            </dd>
            <dt className="text-slate-600">Term</dt>
            <dd>{termLabel(license.termDays)}</dd>
            <dt className="text-slate-600">Started</dt>
            <dd>{formatDate(license.startsAt)}</dd>
            {license.ending ? (
              <>
                <dt className="text-slate-600">Ended</dt>
                <dd data-testid="license-ended">{endingText(license.ending)}</dd>
              </>
            ) : (
              <>
                <dt className="text-slate-600">{license.expiresAt && license.expiresAt <= now ? "Expired" : "Expires"}</dt>
                <dd data-testid="license-expiry">{formatDate(license.expiresAt)}</dd>
              </>
            )}
            <dt className="text-slate-600">Sectigo order</dt>
            <dd>{license.currentOrderNumber ?? "—"}</dd>
            <dt className="text-slate-600">Who pays</dt>
            <dd data-testid="license-payer">{license.sectigoBillsCustomer ? SECTIGO_BILLS_CUSTOMER_NOTE : "Our reseller account: renewals, add-ons and plan changes ordered here are debited from our funds."}</dd>
          </dl>
          {license.can.manage && (license.status === "ACTIVE" || license.status === "RENEWABLE") ? (
            <p className="mt-4 flex flex-wrap gap-3 text-sm">
              {license.can.changePlan ? <Link className="text-brand-700 underline" href={`/licenses/${license.id}/change-plan`}>Change plan (upgrade or downgrade)</Link> : null}
              <Link className="text-brand-700 underline" href={`/licenses/${license.id}/cancel`}>Cancel or refund</Link>
            </p>
          ) : null}
        </Card>
        <RenewalCard license={license} />
      </div>
      <AutoRenewCard license={license} />
      <AddOnsCard license={license} now={now} />
      <ChainCard license={license} />
    </div>
  );
}

function RenewalResult({ order, license }: { order: LicenseStory["chain"][number]; license: LicenseStory }) {
  const number = order.orderNumber ?? order.foreignOrderNumber;
  const [tone, text] =
    order.status === "PLACED"
      ? (["border-green-300 bg-green-50 text-green-900", `Renewed: Sectigo placed order ${number}. New expiry: ${formatDate(license.expiresAt)}.`] as const)
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

function PlanChangeResult({ order, license }: { order: LicenseStory["chain"][number]; license: LicenseStory }) {
  const text =
    order.status === "PLACED"
      ? `Done: Sectigo changed the plan. This license is now ${license.productName}.`
      : order.status === "AWAITING_AUTHORIZATION"
        ? "Sectigo accepted the plan change; it waits for authorization."
        : `Plan change ${order.orderNumber ?? order.foreignOrderNumber}: ${order.status.toLowerCase().replace(/_/g, " ")}.`;
  return (
    <p role="status" data-testid="change-plan-result" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
      {text} <Link className="underline" href={`/orders/${order.id}`}>See the order</Link>
    </p>
  );
}

function RenewalCard({ license }: { license: LicenseStory }) {
  const e = license.eligibility;
  const price = license.quote?.sellTotal !== null && license.quote?.sellTotal !== undefined ? formatMoney(license.quote.sellTotal, license.quote.currency) : "the price Sectigo charges (no sell price is set for this plan)";
  const newExpiry = license.expiresAt && license.termDays ? new Date(license.expiresAt.getTime() + (license.termDays === 30 ? 30 : 365) * DAY_MS) : null;
  return (
    <Card title="Renewal">
      {e.ok ? (
        <>
          <p className="mb-3 text-sm text-slate-700">
            The renewal window is open until {formatDate(license.expiresAt)}. Renewing adds {termLabel(license.termDays === 30 ? 30 : 365)} from the current expiry
            {license.addOns.some((a) => a.status === "ACTIVE") ? "; its add-ons renew with it" : ""}.
          </p>
          {license.quote ? (
            <ul className="mb-3 text-sm text-slate-700">
              {license.quote.items.map((i) => (
                <li key={i.productCode}>
                  {i.productName}: {formatMoney(i.sellPrice, license.quote?.currency)}
                </li>
              ))}
            </ul>
          ) : null}
          {license.can.renew ? (
            <RenewButton
              licenseId={license.id}
              expiresAt={license.expiresAt!.toISOString()}
              domainName={license.domainName}
              termLabel={termLabel(license.termDays === 30 ? 30 : 365)}
              priceText={price}
              newExpiryText={formatDate(newExpiry)}
            />
          ) : (
            <p className="text-sm text-slate-600">An account manager or an admin can renew it.</p>
          )}
        </>
      ) : (
        <>
          <p className="text-sm text-slate-700" data-testid="renewal-refusal">{e.message}</p>
          {license.status === "EXPIRED" || license.status === "CANCELLED" || license.status === "REFUNDED" ? (
            license.can.orderNew ? (
              <p className="mt-3 text-sm">
                <Link className="text-brand-700 underline" href={newOrderHref(license)} data-testid="order-new-license">
                  Order a new license for {license.domainName}
                </Link>{" "}
                <span className="text-slate-600">(the order form opens with its product, domain and customer filled in)</span>
              </p>
            ) : (
              // Placing orders is staff's and admins' (lib/auth/roles.ts): a link would only open a 403.
              <p className="mt-3 text-sm text-slate-700" data-testid="order-new-license-share">
                Staff or an admin can order it from this prefilled order form: <span className="break-all font-mono text-xs">{newOrderHref(license)}</span>
              </p>
            )
          ) : null}
        </>
      )}
    </Card>
  );
}

function AutoRenewCard({ license }: { license: LicenseStory }) {
  // An ended license renews in no way: its stored auto-renew flag would only mislead.
  if (license.ending) {
    return (
      <Card title="Auto-renew">
        <p className="text-sm text-slate-700" data-testid="auto-renew-ended">
          This license was {license.ending.how === "REFUNDED" ? "refunded" : "cancelled"}: neither Sectigo nor Order Desk renews it.
        </p>
      </Card>
    );
  }
  return (
    <Card title="Auto-renew">
      <p className="text-sm text-slate-700">
        Auto-renew is <span className="font-medium" data-testid="auto-renew-state">{license.autoRenew ? "on" : "off"}</span> for this license.
        {license.autoRenew ? " Sectigo renews it itself at expiry (the reseller account needs the funds then), so Order Desk never renews it: switch it off to renew by hand." : " Order Desk renews it only when someone renews it here or in a bulk run."}
      </p>
      <p className="mt-1 text-sm text-slate-600">
        The reseller account&apos;s default for new orders ({license.customer.resellerAccount.label}) is {license.autoRenewDefault ? "on" : "off"}.
        {license.autoRenewSwitchedBy ? ` Last switched by ${license.autoRenewSwitchedBy.by} on ${timeFormat.format(license.autoRenewSwitchedBy.at)} UTC.` : ""}
      </p>
      {license.sectigoBillsCustomer && !license.autoRenew ? <p className="mt-1 text-sm text-slate-700">{SECTIGO_BILLS_CUSTOMER_REFUSALS.autoRenew}</p> : null}
      {license.can.switchAutoRenew ? (
        <div className="mt-3">
          <AutoRenewSwitch licenseId={license.id} autoRenew={license.autoRenew} />
        </div>
      ) : null}
    </Card>
  );
}

function AddOnsCard({ license, now }: { license: LicenseStory; now: Date }) {
  return (
    <Card title="Add-ons">
      {license.addOns.length === 0 ? (
        <p className="text-sm text-slate-600">This license has no add-ons.</p>
      ) : (
        <TableFrame label="Add-ons" head={<><Th>Add-on</Th><Th>Status</Th><Th>Expires</Th></>}>
          {license.addOns.map((a) => (
            <tr key={a.id}>
              <Td>{a.productName} <span className="text-xs text-slate-600">#{a.productCode}</span></Td>
              <Td>{a.status === "ACTIVE" ? (a.expiresAt && a.expiresAt <= now ? <Badge tone="red">Expired</Badge> : <Badge tone="green">Active</Badge>) : <Badge>{a.status.toLowerCase()}</Badge>}</Td>
              <Td>
                {formatDate(a.expiresAt)}
                {a.outlivesLicense ? (
                  <span className="block text-xs text-amber-800" role="note">
                    Outlives its license ({formatDate(license.expiresAt)}): an add-on cannot be used without its product, so renew the license too.
                  </span>
                ) : null}
              </Td>
            </tr>
          ))}
        </TableFrame>
      )}
      {license.availableAddOns.length > 0 ? (
        <div className="mt-4 text-sm">
          <p className="text-slate-700">Its plan may also take: {license.availableAddOns.map((a) => a.name).join(", ")}.</p>
          {license.sectigoBillsCustomer ? <p className="mt-1 text-slate-700">{SECTIGO_BILLS_CUSTOMER_REFUSALS.addOn}</p> : null}
          {license.can.addOn ? (
            <AddOnForm
              licenseId={license.id}
              options={license.availableAddOns.map((a) => ({
                productId: a.productId,
                name: a.name,
                defaultDays: a.defaultDays,
                terms: a.terms.map((t) => ({
                  days: t.days,
                  label: t.label,
                  priceText: t.price ? formatMoney(t.price.amount, t.price.currency) : "price not set",
                  endsText: formatDate(t.termEndsAt),
                  outlivesLicense: t.outlivesLicense,
                  question: { key: t.confirmation.key, message: t.confirmation.message },
                })),
              }))}
            />
          ) : null}
        </div>
      ) : (
        <p className="mt-4 text-sm text-slate-600">Its plan takes no further add-ons.</p>
      )}
    </Card>
  );
}

function ChainCard({ license }: { license: LicenseStory }) {
  return (
    <Card title="Orders on this license">
      <TableFrame label="Orders on this license" head={<><Th>Order</Th><Th>Kind</Th><Th>Status</Th><Th>Who</Th><Th>When (UTC)</Th></>}>
        {license.chain.map((o) => (
          <tr key={o.id}>
            <Td>
              <Link className="text-brand-700 underline" href={`/orders/${o.id}`}>{o.orderNumber ?? o.foreignOrderNumber}</Link>
            </Td>
            <Td>{KIND_LABELS[o.kind] ?? o.kind}{o.createdTheLicense ? <span className="block text-xs text-slate-600">created the license</span> : null}</Td>
            <Td><OrderStatusBadge status={o.status} /></Td>
            <Td>{o.who}</Td>
            <Td className="whitespace-nowrap">{timeFormat.format(o.createdAt)}</Td>
          </tr>
        ))}
      </TableFrame>
    </Card>
  );
}
