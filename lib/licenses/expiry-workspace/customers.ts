import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { escapeLike } from "@/lib/pagination";

export const workspaceCustomerSearchSchema = z.object({ q: z.string().trim().max(100) });

/** The workspace's customer picker: a few customers by e-mail or name prefix (both indexed lookups). */
export async function searchWorkspaceCustomers(actor: Actor, input: z.input<typeof workspaceCustomerSearchSchema>) {
  assertCan(actor, "viewLicenses");
  const { q } = workspaceCustomerSearchSchema.parse(input);
  if (q.length < 2) return [];
  return prisma.customer.findMany({
    where: { OR: [{ email: { startsWith: escapeLike(q.toLowerCase()) } }, { name: { startsWith: escapeLike(q), mode: "insensitive" } }] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 8,
    select: { id: true, name: true, email: true },
  });
}
