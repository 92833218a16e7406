/**
 * What a plain cancellation did while the refund period was open (issue 18 review). CANCELLICENCE
 * always cancels, and Sectigo also refunds whatever it still counts inside its refund period (its
 * modifyThirdPartyDetails reference; the sandbox does the same), but its answer carries only
 * errorCode=0. Which of the two happened is read from Sectigo's own report of the order (one
 * WebHostReport of one order number: a read, no money moves), so the app records what Sectigo did
 * rather than assuming "cancelled, nothing back". Null when the report cannot be read or does not
 * say: the caller then says it does not know.
 */
import type { SectigoClient } from "@/lib/sectigo/client";

export type ReadBack = "REFUNDED" | "CANCELLED" | null;

export async function cancellationReadBack(client: Pick<SectigoClient, "webHostReport">, orderNumber: string, productCode: number): Promise<ReadBack> {
  try {
    const report = await client.webHostReport({ orderNumbers: [orderNumber] });
    if (!report.ok) return null;
    const row = report.value.rows.find((r) => r.orderNumber === orderNumber);
    const status = (row?.items.find((i) => i.productCode === productCode)?.status ?? "").toLowerCase();
    return status === "refunded" ? "REFUNDED" : status === "cancelled" ? "CANCELLED" : null;
  } catch (error) {
    // The cancellation itself is done and recorded; only the detail of the money is unknown.
    console.error(`order ${orderNumber}: reading back the cancellation failed: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
