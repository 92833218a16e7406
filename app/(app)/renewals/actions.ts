"use server";

import { authorizedAction } from "@/lib/auth/action";
import { searchWorkspaceCustomers, workspaceCustomerSearchSchema } from "@/lib/licenses/expiry-workspace/customers";

export const searchWorkspaceCustomersAction = authorizedAction({ name: "renewals.searchCustomers", audit: false, permission: "viewLicenses", schema: workspaceCustomerSearchSchema }, (actor, input) =>
  searchWorkspaceCustomers(actor, input),
);
