import { describe, expect, it } from "vitest";
import { planFind, rankCandidates } from "@/lib/lookup/find-plan";

describe("planFind: what a pasted text could be", () => {
  it.each([
    ["9100001", { orderNumber: "9100001" }],
    ["od-261122-7kq3m9xd", { foreignOrderNumber: "OD-261122-7KQ3M9XD", emailStart: "od-261122-7kq3m9xd" }],
    ["Owner@Acme.example", { email: "owner@acme.example", emailStart: "owner@acme.example" }],
    ["owner@acm", { emailStart: "owner@acm" }],
    ["blog.acme.co.uk", { domain: "blog.acme.co.uk", parents: ["acme.co.uk", "co.uk"], name: "blog.acme.co.uk", emailStart: "blog.acme.co.uk" }],
    ["acme", { domain: "acme", parents: [], name: "acme", emailStart: "acme" }],
    ["Bluebird Bakery", { name: "Bluebird Bakery" }],
  ])("%s", (q, expected) => {
    expect(planFind(q)).toEqual(expected);
  });

  it("hostile text is never a domain (no quote, backslash or % reaches a tsquery) and never throws", () => {
    for (const q of ["' OR 1=1 --", "a\\b", "50%_off", "🍯🐝", "\u202Eשלום"]) {
      expect(planFind(q).domain).toBeUndefined();
    }
  });
});

describe("rankCandidates", () => {
  it("orders by rank, keeps each record once with its best match, and keeps the database order within a rank", () => {
    const ranked = rankCandidates([
      { id: "label-1", rank: 14, matchedOn: "domainPart" },
      { id: "exact", rank: 10, matchedOn: "domain" },
      { id: "label-2", rank: 14, matchedOn: "domainPart" },
      { id: "exact", rank: 16, matchedOn: "domainPart" },
      { id: "label-1", rank: 12, matchedOn: "subdomain" },
    ]);
    expect(ranked.map((c) => [c.id, c.matchedOn])).toEqual([
      ["exact", "domain"],
      ["label-1", "subdomain"],
      ["label-2", "domainPart"],
    ]);
  });
});
