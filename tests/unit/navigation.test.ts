import { describe, expect, it } from "vitest";
import { navigationFor } from "@/lib/auth/navigation";

const labels = (role: Parameters<typeof navigationFor>[0]) => navigationFor(role).map((i) => i.label);

describe("navigation per role", () => {
  it("gives admins everything", () => {
    expect(labels("ADMIN")).toEqual(["New order", "Orders", "Licenses", "Customers", "Lookup", "Settings"]);
  });
  it("lets staff order but not change settings", () => {
    expect(labels("STAFF")).toEqual(["New order", "Orders", "Licenses", "Customers", "Lookup"]);
  });
  it("keeps account managers and support away from ordering and settings", () => {
    expect(labels("ACCOUNT_MANAGER")).toEqual(["Orders", "Licenses", "Customers", "Lookup"]);
    expect(labels("SUPPORT")).toEqual(["Orders", "Licenses", "Customers", "Lookup"]);
  });
});
