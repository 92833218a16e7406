/**
 * Support's search (lib/lookup/find.ts) on the demo world: each kind finds the right record first,
 * and the ranking puts the closest match on top. (Hostile input: tests/integration/list-pages.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { startDemoDatabase } from "./test-database";

let db: Awaited<ReturnType<typeof startDemoDatabase>>;
const support: Actor = { id: "demo-user-support", email: "support@orderdesk.test", name: "Sid", role: "SUPPORT" };

beforeAll(async () => {
  db = await startDemoDatabase();
});
afterAll(async () => {
  await db?.stop();
});

async function find(q: string) {
  const { findAnything } = await import("@/lib/lookup/find");
  return findAnything(support, q);
}
const group = (r: Awaited<ReturnType<typeof find>>, kind: string) => r?.groups.find((g) => g.kind === kind)?.hits ?? [];

describe("findAnything ranks each kind", () => {
  it("a whole domain: that license first (matched on the domain), then its subdomain's; its owner among the customers; Enter opens the license", async () => {
    const r = await find("cobalt-consulting.example");
    expect(group(r, "license").map((h) => [h.title, h.matchedOn])).toEqual([
      ["cobalt-consulting.example", "domain"],
      ["shop.cobalt-consulting.example", "subdomain"],
    ]);
    expect(group(r, "customer")[0]).toMatchObject({ subtitle: "admin@cobalt-consulting.example", matchedOn: "domain" });
    // Issue 17 item 2: the license, not the customer, comes first, and it is the exact answer.
    expect(r?.groups[0]?.kind).toBe("license");
    expect(r?.exact).toMatchObject({ kind: "license", title: "cobalt-consulting.example" });
  });

  it("a subdomain nobody licensed finds its parent's license; a pasted www. names the domain itself", async () => {
    const r = await find("blog.cobalt-consulting.example");
    expect(group(r, "license")[0]).toMatchObject({ title: "cobalt-consulting.example", matchedOn: "subdomain" });
    const www = await find("www.cobalt-consulting.example");
    expect(group(www, "license")[0]).toMatchObject({ title: "cobalt-consulting.example", matchedOn: "domain" });
  });

  it("a part of a domain finds its licenses (a label's start, a label's end)", async () => {
    for (const q of ["cobalt-consult", "consulting"]) {
      expect(group(await find(q), "license").map((h) => h.title), q).toEqual(expect.arrayContaining(["cobalt-consulting.example", "shop.cobalt-consulting.example"]));
    }
  });

  it("a whole e-mail: that customer first, then their licenses and orders; its start finds the customer too", async () => {
    const r = await find("Admin@Cobalt-Consulting.example");
    expect(r?.groups[0]?.kind).toBe("customer");
    expect(group(r, "customer")[0]).toMatchObject({ subtitle: "admin@cobalt-consulting.example", matchedOn: "email" });
    expect(group(r, "license").length).toBeGreaterThan(0);
    expect(group(r, "license").every((h) => h.matchedOn === "email")).toBe(true);
    expect(group(await find("admin@cobalt"), "customer")[0]).toMatchObject({ subtitle: "admin@cobalt-consulting.example", matchedOn: "emailPart" });
  });

  it("an order number and our reference go straight to the order, with its license and customer", async () => {
    const byNumber = await find("9100002");
    expect(byNumber?.exact).toMatchObject({ kind: "order", matchedOn: "orderNumber" });
    expect(byNumber?.groups[0]?.kind).toBe("order");
    const { prisma } = await import("@/lib/db");
    const order = await prisma.order.findUniqueOrThrow({ where: { orderNumber: "9100002" }, select: { id: true, foreignOrderNumber: true } });
    expect(byNumber?.exact?.href).toBe(`/orders/${order.id}`);
    const byReference = await find(`  ${order.foreignOrderNumber.toLowerCase()} `);
    expect(byReference?.exact).toMatchObject({ href: `/orders/${order.id}`, matchedOn: "foreignOrderNumber" });
  });

  it("a company name by its start before a name that only contains the word", async () => {
    const r = await find("Cobalt");
    const customers = group(r, "customer");
    expect(customers[0]).toMatchObject({ matchedOn: "name" });
    expect(customers[0]!.title.toLowerCase().startsWith("cobalt")).toBe(true);
  });

  it("nothing for an empty or one-character text; a signed-out caller is refused", async () => {
    expect(await find(" ")).toBeNull();
    expect(await find("a")).toBeNull();
    const { findAnything } = await import("@/lib/lookup/find");
    await expect(findAnything(null as unknown as Actor, "acme")).rejects.toThrow();
  });
});
