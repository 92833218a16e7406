import { can, type Permission, type Role } from "@/lib/auth/roles";

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
}

/** The app's sections, in menu order; each shows only to roles holding its permission. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/orders/new", label: "New order", permission: "placeOrders" },
  { href: "/orders", label: "Orders", permission: "viewOrders" },
  { href: "/orders/awaiting", label: "To authorize", permission: "authorizeOrders" },
  { href: "/ordering-urls", label: "Ordering URLs", permission: "placeOrders" },
  { href: "/renewals", label: "Renewals", permission: "viewLicenses" },
  { href: "/licenses", label: "Licenses", permission: "viewLicenses" },
  { href: "/customers", label: "Customers", permission: "viewCustomers" },
  { href: "/sync", label: "Sync", permission: "viewLicenses" },
  { href: "/lookup", label: "Lookup", permission: "lookup" },
  { href: "/settings", label: "Settings", permission: "manageSettings" },
];

export function navigationFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.permission));
}
