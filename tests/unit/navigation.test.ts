import { describe, expect, it } from "vitest";
import { navigationFor } from "@/lib/auth/navigation";
import { activeHref } from "@/components/shell/nav-link";

const labels = (role: Parameters<typeof navigationFor>[0]) => navigationFor(role).map((i) => i.label);

describe("navigation per role", () => {
  it("gives admins everything", () => {
    expect(labels("ADMIN")).toEqual(["New order", "Orders", "To authorize", "Ordering URLs", "Renewals", "Licenses", "Customers", "Sync", "Lookup", "Settings"]);
  });
  it("lets staff order but not change settings", () => {
    expect(labels("STAFF")).toEqual(["New order", "Orders", "To authorize", "Ordering URLs", "Renewals", "Licenses", "Customers", "Sync", "Lookup"]);
  });
  it("keeps account managers and support away from ordering and settings", () => {
    expect(labels("ACCOUNT_MANAGER")).toEqual(["Orders", "Renewals", "Licenses", "Customers", "Sync", "Lookup"]);
    expect(labels("SUPPORT")).toEqual(["Orders", "Renewals", "Licenses", "Customers", "Sync", "Lookup"]);
  });
});

describe("the active menu item", () => {
  const hrefs = ["/", "/orders/new", "/orders", "/orders/awaiting", "/licenses", "/settings"];
  it.each([
    ["/orders", "/orders"],
    ["/orders/cmabc123", "/orders"],
    ["/orders/new", "/orders/new"],
    ["/orders/awaiting", "/orders/awaiting"],
    ["/settings/users/1", "/settings"],
    ["/", "/"],
    ["/ordersx", undefined],
  ])("%s -> %s", (path, active) => {
    expect(activeHref(path, hrefs)).toBe(active);
  });
});
