/**
 * Issue 16 #7: an order on an existing license must carry the license version it was decided on,
 * or it would slip past the database's one-change-per-version index (lib/orders/pending-license-order.ts).
 */
import { describe, expect, it } from "vitest";
import { orderSubmissionSchema, type OrderSubmissionInput } from "@/lib/orders/submission";

const base: OrderSubmissionInput = {
  submissionKey: "9b2f7c1e-0d5a-4c3b-9e8f-1a2b3c4d5e6f",
  resellerAccountId: "acct",
  customer: { id: "cust" },
  kind: "ADD_ON",
  items: [{ productCode: 1071, productName: "TrueShield", days: 365, domainName: "a.example", isAddOn: true, buyPrice: null, sellPrice: null }],
  currency: null,
  sectigo: { operation: "autoApplyOrder", input: { kind: "addOn", previousOrderNumber: "1", addOnCodes: [1071], days: 365, domainName: "a.example", contactEmail: "o@a.example", autoRenew: false } },
};

describe("an order on an existing license says which version of it the order was decided on", () => {
  it.each(["ADD_ON", "RENEWAL", "UPGRADE", "DOWNGRADE"] as const)("%s with a target license and no version is refused", (kind) => {
    const result = orderSubmissionSchema.safeParse({ ...base, kind, targetLicenseId: "lic" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["licenseVersion"]);
  });

  it("with its version it is accepted; an order that makes licenses needs none", () => {
    expect(orderSubmissionSchema.safeParse({ ...base, targetLicenseId: "lic", licenseVersion: 0 }).success).toBe(true);
    expect(orderSubmissionSchema.safeParse({ ...base, kind: "NEW" }).success).toBe(true);
    expect(orderSubmissionSchema.safeParse({ ...base, targetLicenseId: "lic", licenseVersion: -1 }).success).toBe(false);
  });
});
