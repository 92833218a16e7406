import type { CancellationPreview } from "@/lib/licenses/actions/cancel";
import { REFUND_WINDOW_DAYS } from "@/lib/licenses/rules/refund-window";
import type { DerivedStatus } from "@/lib/licenses/rules/status";
import { Card } from "@/components/ui/card";
import { Badge, type Tone } from "@/components/ui/badge";
import { formatDate } from "@/components/ui/format";

/** Step 1 of the wizard: is the refund window open, which call cancels, and what goes with the license. */
export function CancelSummary({ preview }: { preview: CancellationPreview }) {
  const w = preview.window;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title="1. Refund window" action={<Badge tone={w.state === "OPEN" ? "green" : "slate"}>{w.state === "OPEN" ? "Open" : w.state === "CLOSED" ? "Closed" : "None"}</Badge>}>
        <p className="text-sm text-slate-800" data-testid="refund-window">
          {preview.bundle
            ? "The SSL PLUS SiteLock Bundle came free with its SSL certificate: it is cancelled with CANCELLICENCE and nothing is refunded, inside the refund window or not. To get money back, refund the certificate itself."
            : w.state === "OPEN"
            ? `The ${REFUND_WINDOW_DAYS}-day refund window is open until ${formatDate(w.closesAt)}: the license is refunded and cancelled, and the funds go back to your Sectigo account.`
            : w.state === "CLOSED"
              ? `The ${REFUND_WINDOW_DAYS}-day refund window closed on ${formatDate(w.closedAt)}: the license is cancelled without a refund.`
              : "Monthly licenses have no refund window: the license is cancelled without a refund."}
        </p>
        <p className="mt-2 text-xs text-slate-600">
          {preview.call === "autoRefund" ? "Sent to Sectigo as AutoRefund." : "Sent to Sectigo as a license cancellation (CANCELLICENCE)."} The window counts from the purchase or the last renewal.
        </p>
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

export function CancelRefusal({ status, message }: { status: DerivedStatus; message: string }) {
  return (
    <Card title={status === "REFUNDED" ? "This license is refunded" : status === "CANCELLED" ? "This license is cancelled" : "Nothing to cancel"} action={<Badge tone={STATUS_TONE[status] ?? "green"}>{status}</Badge>}>
      <p className="text-sm text-slate-800" data-testid="cancel-refusal">
        {message}
      </p>
    </Card>
  );
}
