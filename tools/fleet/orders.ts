/** The order form's submission over HTTP (placeOrderAction, as /orders/new posts it) and what the sandbox holds. */
import { randomUUID } from "node:crypto";
import { DEMO_RESELLER_ACCOUNT_ID } from "@/tools/demo/seed-demo";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { callAction, type ActionResponse } from "./http";
import type { Fleet } from "./fleet";

export const ORDER_ACTION = { file: "app/(app)/orders/actions.ts", exportedName: "placeOrderAction", page: "/orders/new" } as const;

export interface OrderAnswer {
  ok: boolean;
  data?: { outcome?: string; order?: { id?: string; foreignOrderNumber?: string; status?: string } };
  error?: { code?: string; message?: string };
}

/** A new SiteLock Basic order for a new customer, as the form fills it in. */
export function orderInput(domain: string, submissionKey: string = randomUUID()) {
  return {
    submissionKey,
    resellerAccountId: DEMO_RESELLER_ACCOUNT_ID,
    productKey: "sitelock-basic",
    customerId: null,
    licenseId: null,
    resellerPays: false,
    values: { term: "365", domainName: domain, appRepEmailAddress: `owner@${domain}` },
    cart: [],
    confirmed: [],
  };
}

export function postOrder(base: string, actionId: string, cookie: string, input: ReturnType<typeof orderInput>): Promise<ActionResponse<OrderAnswer>> {
  return callAction<OrderAnswer>(base, ORDER_ACTION.page, actionId, cookie, [input]);
}

/** An order answer that placed (or found) the order: what a person sees as success. */
export function placed(r: ActionResponse<OrderAnswer>): boolean {
  const outcome = r.result?.data?.outcome;
  return r.status === 200 && r.result?.ok === true && (outcome === "PLACED" || outcome === "ALREADY_SUBMITTED");
}

export function describe(r: ActionResponse<OrderAnswer>): string {
  if (r.status !== 200) return `HTTP ${r.status}`;
  if (!r.result) return "no action result";
  if (!r.result.ok) return `refused ${r.result.error?.code ?? "?"}`;
  return `outcome ${r.result.data?.outcome ?? "?"}`;
}

interface SandboxOrder {
  order: { orderNumber: string; foreignOrderNumber: string | null; domainName: string | null; previousOrderNumber: string | null; kind: string; source: string };
}

/** Every order "Sectigo" holds for the demo reseller. */
export async function sandboxOrders(fleet: Fleet): Promise<SandboxOrder["order"][]> {
  const { orders } = await fleet.sandboxAdmin<{ orders: SandboxOrder[] }>("GET", `orders?loginName=${encodeURIComponent(DEMO_RESELLER.loginName)}`);
  return orders.map((o) => o.order);
}

/** Values seen more than once. */
export function duplicates(values: Array<string | null>): number {
  const seen = new Map<string, number>();
  for (const v of values) if (v !== null) seen.set(v, (seen.get(v) ?? 0) + 1);
  return [...seen.values()].filter((n) => n > 1).reduce((s, n) => s + n - 1, 0);
}
