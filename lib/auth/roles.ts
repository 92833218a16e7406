import type { Role } from "@/lib/generated/prisma/enums";

export type { Role };

export const ROLES = ["ADMIN", "STAFF", "ACCOUNT_MANAGER", "SUPPORT"] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  STAFF: "Reseller staff",
  ACCOUNT_MANAGER: "Account manager",
  SUPPORT: "Support",
};

/** Who may do what. Server actions and pages check these; navigation only mirrors them. */
export const PERMISSIONS = {
  placeOrders: ["ADMIN", "STAFF"],
  /** Authorize or reject reseller=Y orders once the customer has paid. */
  authorizeOrders: ["ADMIN", "STAFF"],
  viewOrders: ["ADMIN", "STAFF", "ACCOUNT_MANAGER", "SUPPORT"],
  viewLicenses: ["ADMIN", "STAFF", "ACCOUNT_MANAGER", "SUPPORT"],
  /**
   * Download the renewals workspace's licenses as CSV (/renewals/export). Not SUPPORT (issue 16,
   * item 9): support answers one customer, order or domain at a time (lookup, the story pages,
   * the renewals page itself), which never needs a file of the whole license book with every
   * customer, domain and account manager in it; that file is the largest copy of customer data a
   * support login could take away, and exports are the heaviest request the app serves.
   */
  exportLicenses: ["ADMIN", "STAFF", "ACCOUNT_MANAGER"],
  manageRenewals: ["ADMIN", "ACCOUNT_MANAGER"],
  /** Run a sync with Sectigo and take Sectigo's value (or ignore) on the drift report. */
  syncWithSectigo: ["ADMIN", "ACCOUNT_MANAGER"],
  viewCustomers: ["ADMIN", "STAFF", "ACCOUNT_MANAGER", "SUPPORT"],
  lookup: ["ADMIN", "STAFF", "ACCOUNT_MANAGER", "SUPPORT"],
  manageSettings: ["ADMIN"],
  manageUsers: ["ADMIN"],
  /** Read and export the audit log (/settings/audit and its CSV). */
  viewAudit: ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
