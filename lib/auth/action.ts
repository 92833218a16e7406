import { headers } from "next/headers";
import { createActionClient } from "@/lib/auth/authorized-action";
import { getActor } from "@/lib/auth/session";
import { checkAuditEntry, writeAuditEntry } from "@/lib/audit/write-audit-entry";
import { clientAddressFrom } from "@/lib/http/client-address";

/** Server actions import this: `export const x = authorizedAction({ name, permission, schema }, handler)`. */
export const authorizedAction = createActionClient({
  getActor,
  audit: writeAuditEntry,
  auditCheck: checkAuditEntry,
  async requestInfo() {
    const h = await headers();
    return { clientAddress: clientAddressFrom(h), userAgent: h.get("user-agent") ?? undefined };
  },
});
