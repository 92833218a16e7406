/**
 * The licenses the bulk renewal renews: the scaled demo world (tools/demo/scale-world.ts) with its own
 * seed, in the app's database and the sandbox at once, every license inside its renewal window
 * (expiring 5-25 days after day zero) with auto-renew off, so every one of them is renewable by hand.
 */
import { scaleWorld } from "@/tools/demo/scale-world";

export const RENEWAL_SEED = 7;
/** Foreign order numbers of the seed's orders start with this (scaledForeignOrderNumber). */
export const RENEWAL_FOREIGN_PREFIX = `OD-S${RENEWAL_SEED}-`;

export async function seedRenewalLicenses(opts: { databaseUrl: string; anchor: Date; sandbox: { url: string; adminToken: string }; licenses: number }): Promise<void> {
  const result = await scaleWorld({
    databaseUrl: opts.databaseUrl,
    anchor: opts.anchor,
    sandbox: opts.sandbox,
    options: { licenses: opts.licenses, seed: RENEWAL_SEED, expiryFromDays: 5, expiryToDays: 25, autoRenewShare: 0 },
  });
  if (result.status !== "seeded") throw new Error(`seeding the renewal licenses: ${result.status === "refused" ? result.message : result.status}`);
}
