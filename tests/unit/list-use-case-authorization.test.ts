/**
 * Every read use case checks the actor itself (not only the page in front of it): a missing
 * actor is UNAUTHENTICATED, a role without the permission is FORBIDDEN, before any query runs.
 * No database here: a use case that skipped the check would reach Prisma and fail differently.
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import type { Role } from "@/lib/auth/roles";
import { listOrders, ordersQuerySchema } from "@/lib/orders/list-orders";
import { listLicenses, licensesQuerySchema } from "@/lib/licenses/queries/list-licenses";
import { listCustomers, customersQuerySchema } from "@/lib/customers/list-customers";
import { findAnything } from "@/lib/lookup/find";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { listResellerAccounts } from "@/lib/settings/list-reseller-accounts";

const actor = (role: Role): Actor => ({ id: `t-${role}`, email: `${role}@t.test`, name: role, role });

const USE_CASES: Array<{ name: string; call: (a: Actor) => Promise<unknown>; deniedRoles: Role[] }> = [
  { name: "listOrders", call: (a) => listOrders(a, ordersQuerySchema.parse({})), deniedRoles: [] },
  { name: "listLicenses", call: (a) => listLicenses(a, licensesQuerySchema.parse({})), deniedRoles: [] },
  { name: "listCustomers", call: (a) => listCustomers(a, customersQuerySchema.parse({})), deniedRoles: [] },
  { name: "findAnything", call: (a) => findAnything(a, "9100002"), deniedRoles: [] },
  { name: "getDashboard", call: (a) => getDashboard(a), deniedRoles: [] },
  { name: "listResellerAccounts", call: (a) => listResellerAccounts(a), deniedRoles: ["STAFF", "ACCOUNT_MANAGER", "SUPPORT"] },
];

describe("read use cases check the actor first", () => {
  for (const uc of USE_CASES) {
    it(`${uc.name} refuses a missing actor`, async () => {
      await expect(uc.call(null as unknown as Actor)).rejects.toMatchObject({ name: "AppError", code: "UNAUTHENTICATED" });
    });
    for (const role of uc.deniedRoles) {
      it(`${uc.name} refuses ${role}`, async () => {
        await expect(uc.call(actor(role))).rejects.toMatchObject({ name: "AppError", code: "FORBIDDEN" });
      });
    }
  }
});
