import Link from "next/link";
import type { CancellationPreview } from "@/lib/licenses/actions/cancel";
import type { LicenseEnding } from "@/lib/licenses/queries/license-ending";
import { REFUND_WINDOW_DAYS } from "@/lib/licenses/rules/refund-window";
import type { DerivedStatus } from "@/lib/licenses/rules/status";
import { Card } from "@/components/ui/card";
import { Badge, type Tone } from "@/components/ui/badge";
import { formatDate, formatMoney } from "@/components/ui/format";

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/** What a refund does, before the click: it ends the license now, what comes back, what is lost. */
export function refundWillText(preview: CancellationPreview): string {
  const back = preview.amountBack ? `${formatMoney(preview.amountBack.amount, preview.amountBack.currency)} goes back to our Sectigo account` : "what Sectigo debited for this period goes back to our Sectigo account";
  return `Refund and cancel: the license (and its add-ons) is cancelled now, not at expiry; ${back}; the ${days(preview.daysLost)} left until ${formatDate(preview.license.expiresAt)} are lost.`;
}

/**
 * What a plain cancellation does, before the click. Inside the refund period it is offered only after
 * Sectigo refused the refund, and Sectigo then still refunds it if it counts the license inside its
 * period (CANCELLICENCE refunds what is inside it): the result says which it did (cancel.ts reads it back).
 */
export function cancelWillText(preview: CancellationPreview): string {
  const money = preview.refundOffered
    ? "Sectigo refunds it only if it still counts the license inside its refund period"
    : preview.bundle
      ? "nothing is refunded (the bundle came free with its certificate)"
      : "nothing is refunded";
  return `Cancel without a refund: the license (and its add-ons) is cancelled now; ${money}; the ${days(preview.daysLost)} left until ${formatDate(preview.license.expiresAt)} are lost.`;
}

/** Step 1 of the wizard: is the refund window open, what each choice does, and what goes with the license. */
export function CancelSummary({ preview }: { preview: CancellationPreview }) {
  const w = preview.window;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title="1. What happens" action={<Badge tone={w.state === "OPEN" ? "green" : "slate"}>{w.state === "OPEN" ? "Refund window open" : w.state === "CLOSED" ? "Refund window closed" : "No refund window"}</Badge>}>
        <p className="text-sm text-slate-800" data-testid="refund-window">
          {preview.bundle
            ? "The SSL PLUS SiteLock Bundle came free with its SSL certificate: it is cancelled with CANCELLICENCE and nothing is refunded, inside the refund window or not. To get money back, refund the certificate itself."
            : w.state === "OPEN"
              ? `The ${REFUND_WINDOW_DAYS}-day refund window is open until ${formatDate(w.closesAt)}.`
              : w.state === "CLOSED"
                ? `The ${REFUND_WINDOW_DAYS}-day refund window closed on ${formatDate(w.closedAt)}: the license can only be cancelled, without a refund.`
                : "Monthly licenses have no refund window: the license can only be cancelled, without a refund."}
        </p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800" data-testid="cancel-will">
          {/* Inside the refund period the refund is the one choice (a plain cancellation there refunds too). */}
          <li>{preview.refundOffered ? refundWillText(preview) : cancelWillText(preview)}</li>
        </ul>
        <p className="mt-2 text-xs text-slate-600">A refund is sent to Sectigo as AutoRefund, a cancellation as CANCELLICENCE (which always works). The window counts from the purchase or the last renewal.</p>
      </Card>
      <Card title="2. What goes">
        <ul className="list-disc pl-5 text-sm text-slate-800" data-testid="cancel-what-goes">
          <li>
            {preview.license.productName} for {preview.license.domainName}
          </li>
          {preview.addOns.map((a) => (
            <li key={a.id}>{a.productName} (add-on)</li>
          ))}
        </ul>
        <p className="mt-2 text-xs text-slate-600">Cancelling the license cancels all its add-ons; the site is no longer protected.</p>
      </Card>
    </div>
  );
}

const STATUS_TONE: Partial<Record<DerivedStatus, Tone>> = { REFUNDED: "amber", CANCELLED: "slate", EXPIRED: "red", PENDING: "blue" };

/** How the license ended, in plain words and with the amount: the page after a refund or a cancellation. */
export function endedText(ending: LicenseEnding, domainName: string): string {
  const when = ending.on ? ` on ${formatDate(ending.on)}` : "";
  if (ending.how === "REFUNDED") {
    const back = ending.amountBack ? ` ${formatMoney(ending.amountBack.amount, ending.amountBack.currency)} goes back to our Sectigo account.` : "";
    return `Refunded${when}: Sectigo refunded and cancelled the license of ${domainName} with its add-ons.${back} The site is no longer protected.`;
  }
  return `Cancelled${when}: Sectigo cancelled the license of ${domainName} with its add-ons; nothing was refunded. The site is no longer protected.`;
}

export function CancelRefusal({ licenseId, domainName, status, message, ending }: { licenseId: string; domainName: string; status: DerivedStatus; message: string; ending: LicenseEnding | null }) {
  if (ending) {
    return (
      <Card title={ending.how === "REFUNDED" ? "Refunded" : "Cancelled"} action={<Badge tone={STATUS_TONE[status] ?? "slate"}>{status}</Badge>}>
        <p role="status" className="text-sm text-slate-800" data-testid="cancel-ended">
          {endedText(ending, domainName)}{" "}
          {ending.orderId ? (
            <Link href={`/orders/${ending.orderId}`} className="text-brand-700 hover:underline">
              See the order
            </Link>
          ) : null}
        </p>
        <p className="mt-2 text-sm">
          <Link href={`/licenses/${licenseId}`} className="text-brand-700 hover:underline">Back to the license</Link>
        </p>
      </Card>
    );
  }
  return (
    <Card title="Nothing to cancel" action={<Badge tone={STATUS_TONE[status] ?? "green"}>{status}</Badge>}>
      <p className="text-sm text-slate-800" data-testid="cancel-refusal">
        {message}
      </p>
    </Card>
  );
}
