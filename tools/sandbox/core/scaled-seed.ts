/**
 * The scaled world (tools/demo-world/scaled-world.ts) as sandbox records, converted exactly as the demo is
 * (demo-seed.ts) and inserted with one `world.bulkInsert`. Behind POST /__sandbox/seed.
 *
 * The records go to bulkInsert in batches of BATCH customers, made as it asks for them: at 1,000,000
 * licences all of them as objects at once took ~2.5 GB before they were packed (issue 19 item 5).
 */
import { scaledCustomers, scaledSlUserId, type ScaledWorldOptions } from "../../demo-world/scaled-world";
import { customerRecord, licenseRecords } from "./demo-seed";
import type { Customer, License, Order } from "./types";
import { RecordExistsError, type BulkRecords, type World } from "./world";
import { withTightHeap } from "./seeding-heap";

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

/** Small enough that a batch's objects die young (never promoted to the old generation, which would keep the pages). */
const BATCH = 500;

export function seedScaledWorld(world: World, input: ScaledWorldOptions & { loginName: string; anchor: Date }): ScaledSeedResult {
  const started = performance.now();
  const { loginName: _login, anchor: _anchor, ...options } = input;
  if (!world.account(input.loginName)) {
    return { ok: false, reason: "no-such-login", message: `loginName: no sandbox account ${input.loginName} (create it with POST /__sandbox/accounts)` };
  }
  const counts = { customers: 0, licenses: 0, orders: 0, baseLicenses: 0 };
  function* batches(): Generator<BulkRecords> {
    let customers: Customer[] = [];
    let licenses: License[] = [];
    let orders: Order[] = [];
    for (const c of scaledCustomers(options)) {
      const customer = customerRecord(c, input.loginName, scaledSlUserId(input.seed, ++counts.customers), input.anchor);
      customers.push(customer);
      for (const l of c.licenses) {
        const records = licenseRecords(customer, l, input.anchor);
        licenses.push(...records.licenses);
        orders.push(records.order);
        counts.licenses += records.licenses.length;
        counts.orders++;
        counts.baseLicenses++;
      }
      if (customers.length >= BATCH) {
        yield { customers, licenses, orders };
        customers = [];
        licenses = [];
        orders = [];
      }
    }
    if (customers.length > 0) yield { customers, licenses, orders };
  }
  try {
    withTightHeap(() => world.bulkInsert(batches()));
  } catch (error) {
    // A second run of the same seed is a clear refusal; bulkInsert took back whatever it had placed.
    if (!(error instanceof RecordExistsError)) throw error;
    const what = error.table === "orders" ? `order ${error.key}` : `record ${error.key}`;
    return { ok: false, reason: "exists", message: `seed ${input.seed} is already in the sandbox (${what} exists): use another seed, or POST /__sandbox/reset` };
  }
  return {
    ok: true,
    summary: {
      customers: counts.customers,
      licenses: counts.baseLicenses,
      addOns: counts.licenses - counts.baseLicenses,
      orders: counts.orders,
      ms: Math.round(performance.now() - started),
    },
  };
}
