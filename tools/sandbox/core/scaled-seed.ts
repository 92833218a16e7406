/**
 * The scaled world (tools/demo-world/scaled-world.ts) as sandbox records, converted exactly as the demo is
 * (demo-seed.ts) and inserted with one `world.bulkInsert`. Behind POST /__sandbox/seed.
 */
import { scaledCustomers, scaledSlUserId, type ScaledWorldOptions } from "../../demo-world/scaled-world";
import { customerRecord, licenseRecords } from "./demo-seed";
import type { Customer, License, Order } from "./types";
import type { World } from "./world";

export interface ScaledSeedSummary {
  customers: number;
  /** Base licenses. */
  licenses: number;
  addOns: number;
  orders: number;
  ms: number;
}

export type ScaledSeedResult =
  | { ok: true; summary: ScaledSeedSummary }
  | { ok: false; reason: "no-such-login"; message: string }
  | { ok: false; reason: "exists"; message: string };

export function seedScaledWorld(world: World, input: ScaledWorldOptions & { loginName: string; anchor: Date }): ScaledSeedResult {
  const started = performance.now();
  const { loginName: _login, anchor: _anchor, ...options } = input;
  if (!world.account(input.loginName)) {
    return { ok: false, reason: "no-such-login", message: `loginName: no sandbox account ${input.loginName} (create it with POST /__sandbox/accounts)` };
  }
  const customers: Customer[] = [];
  const licenses: License[] = [];
  const orders: Order[] = [];
  let baseLicenses = 0;
  let index = 0;
  for (const c of scaledCustomers(options)) {
    const customer = customerRecord(c, input.loginName, scaledSlUserId(input.seed, ++index), input.anchor);
    customers.push(customer);
    for (const l of c.licenses) {
      const records = licenseRecords(customer, l, input.anchor);
      licenses.push(...records.licenses);
      orders.push(records.order);
      baseLicenses++;
    }
  }
  // Checked here so that a second run of the same seed is a clear refusal, before any change.
  const taken =
    orders.find((o) => world.order(o.orderNumber)) ?? customers.find((c) => world.customer(c.id)) ?? licenses.find((l) => world.license(l.id));
  if (taken) {
    const what = "orderNumber" in taken ? `order ${taken.orderNumber}` : `record ${taken.id}`;
    return { ok: false, reason: "exists", message: `seed ${input.seed} is already in the sandbox (${what} exists): use another seed, or POST /__sandbox/reset` };
  }
  world.bulkInsert({ customers, licenses, orders });
  return {
    ok: true,
    summary: { customers: customers.length, licenses: baseLicenses, addOns: licenses.length - baseLicenses, orders: orders.length, ms: Math.round(performance.now() - started) },
  };
}
