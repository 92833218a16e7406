/**
 * Issue 17 item 2, the family test: support pastes what customers write. Every domain, e-mail and
 * order number is taken from the demo world's own rows (not a list written here), wrapped the ways
 * people paste it (a URL with scheme, user, port, path, query and fragment; "www."; a trailing dot;
 * surrounding blanks, quotes and brackets; "Name <address>"; "mailto:"; another case), and the
 * lookup must answer exactly what it answers for the bare value; the bare value must find its own
 * record (so "nothing for both" cannot pass). fast-check draws the wrappers and shrinks a failure to
 * the smallest wrapping.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import type { FindResult } from "@/lib/lookup/find-types";
import { startDemoDatabase } from "./test-database";

let db: Awaited<ReturnType<typeof startDemoDatabase>>;
const support: Actor = { id: "demo-user-support", email: "support@orderdesk.test", name: "Sid", role: "SUPPORT" };

let domains: Array<{ domain: string; licenseId: string }> = [];
let emails: Array<{ email: string; customerId: string }> = [];
let orderNumbers: Array<{ number: string; orderId: string }> = [];

beforeAll(async () => {
  db = await startDemoDatabase();
  const { prisma } = await import("@/lib/db");
  // Domains without a "www." of their own (a pasted "www." is dropped: it names the bare domain).
  const licenses = await prisma.license.findMany({ select: { id: true, domainName: true }, orderBy: { id: "asc" } });
  domains = licenses.filter((l) => !l.domainName.startsWith("www.") && !l.domainName.startsWith("*.")).map((l) => ({ domain: l.domainName, licenseId: l.id }));
  emails = (await prisma.customer.findMany({ select: { id: true, email: true }, orderBy: { id: "asc" } })).map((c) => ({ email: c.email, customerId: c.id }));
  orderNumbers = (await prisma.order.findMany({ where: { orderNumber: { not: null } }, select: { id: true, orderNumber: true }, orderBy: { id: "asc" } })).map((o) => ({
    number: o.orderNumber!,
    orderId: o.id,
  }));
}, 120_000);
afterAll(async () => {
  await db?.stop();
});

async function find(q: string): Promise<FindResult | null> {
  const { findAnything } = await import("@/lib/lookup/find");
  return findAnything(support, q);
}

/** What the lookup found, without the echo of the cleaned text. */
const found = (r: FindResult | null) => (r ? { exact: r.exact, groups: r.groups } : null);
const ids = (r: FindResult | null, kind: string) => r?.groups.find((g) => g.kind === kind)?.hits.map((h) => h.id) ?? [];

const anyCase = (s: string) => fc.constantFrom(s, s.toUpperCase(), s.charAt(0).toUpperCase() + s.slice(1));
const blanks = fc.constantFrom("", " ", "  ", "\t", " \n");
const quotes = fc.constantFrom<[string, string]>(["", ""], ['"', '"'], ["'", "'"], ["<", ">"], ["(", ")"], ["\u201c", "\u201d"], ["`", "`"]);
const surround = (value: fc.Arbitrary<string>) =>
  fc.tuple(blanks, quotes, value, blanks).map(([pad, [open, close], v, tail]) => `${pad}${open}${v}${close}${tail}`);

/** A domain as a browser's address bar, a signature or a sentence gives it. */
function pastedDomain(domain: string): fc.Arbitrary<string> {
  const host = fc.tuple(fc.boolean(), fc.boolean(), anyCase(domain)).map(([www, dot, d]) => `${www ? "www." : ""}${d}${dot ? "." : ""}`);
  const url = fc
    .record({
      scheme: fc.constantFrom("", "http://", "https://", "HTTPS://", "ftp://"),
      user: fc.constantFrom("", "admin@", "user:pw@"),
      port: fc.constantFrom("", ":443", ":8443"),
      path: fc.constantFrom("", "/", "/path", "/shop/cart.php", "/a/b/"),
      query: fc.constantFrom("", "?x=1", "?q=a.b&y=2"),
      fragment: fc.constantFrom("", "#top"),
      host,
    })
    // Without a scheme, a user part would read as an e-mail address, and nothing after the host
    // leaves a plain host (covered by `host`).
    .map((u) => (u.scheme ? `${u.scheme}${u.user}${u.host}${u.port}${u.path}${u.query}${u.fragment}` : `${u.host}${u.port}${u.path || "/"}${u.query}`));
  return surround(fc.oneof(host, url));
}

function pastedEmail(email: string): fc.Arbitrary<string> {
  const address = anyCase(email);
  return fc.oneof(
    surround(address),
    surround(address.map((a) => `mailto:${a}`)),
    fc.tuple(fc.constantFrom("Jane Doe", '"Doe, Jane"', "support"), address, blanks).map(([name, a, pad]) => `${pad}${name} <${a}>${pad}`),
    fc.tuple(address, fc.constantFrom("?subject=Renewal", "")).map(([a, q]) => `mailto:${a}${q}`),
  );
}

// An order number at the end of a sentence keeps its full stop when pasted ("9100001.").
const pastedNumber = (n: string) => surround(fc.constantFrom(n, `${n}.`));

const RUNS = { numRuns: 40, seed: 17 };

describe("lookup the way support pastes (generated from the demo world)", () => {
  it("a pasted domain finds what the bare domain finds, and the bare domain opens its license", async () => {
    expect(domains.length).toBeGreaterThan(5);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...domains).chain((d) => fc.tuple(fc.constant(d), pastedDomain(d.domain))),
        async ([{ domain, licenseId }, pasted]) => {
          const bare = await find(domain);
          expect(ids(bare, "license"), domain).toContain(licenseId);
          expect(found(await find(pasted)), JSON.stringify(pasted)).toEqual(found(bare));
        },
      ),
      RUNS,
    );
  });

  it("a pasted e-mail finds what the bare address finds: its customer first", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...emails).chain((e) => fc.tuple(fc.constant(e), pastedEmail(e.email))),
        async ([{ email, customerId }, pasted]) => {
          const bare = await find(email);
          expect(bare?.groups[0]?.hits[0]?.id, email).toBe(customerId);
          expect(found(await find(pasted)), JSON.stringify(pasted)).toEqual(found(bare));
        },
      ),
      RUNS,
    );
  });

  it("a pasted order number goes to its order, as the bare number does", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...orderNumbers).chain((o) => fc.tuple(fc.constant(o), pastedNumber(o.number))),
        async ([{ number, orderId }, pasted]) => {
          const bare = await find(number);
          expect(bare?.exact?.id, number).toBe(orderId);
          expect(found(await find(pasted)), JSON.stringify(pasted)).toEqual(found(bare));
        },
      ),
      { numRuns: 15, seed: 17 },
    );
  });

  it("an exact domain with one license is the answer Enter opens: the license, listed before its owner", async () => {
    const { prisma } = await import("@/lib/db");
    const single = await prisma.$queryRaw<Array<{ domainName: string; id: string }>>`
      SELECT min(l.id) AS id, l."domainName" FROM "License" l GROUP BY l."domainName" HAVING count(*) = 1 ORDER BY l."domainName" LIMIT 20`;
    expect(single.length).toBeGreaterThan(0);
    for (const { domainName, id } of single) {
      for (const pasted of [domainName, `https://www.${domainName}/path?x=1`, ` ${domainName.toUpperCase()}. `]) {
        const r = await find(pasted);
        expect(r?.exact, pasted).toMatchObject({ kind: "license", id, href: `/licenses/${id}` });
        expect(r?.groups[0]?.kind, pasted).toBe("license");
      }
    }
  });
});
