/**
 * Issue 17 #11: the picker read "Demo reseller (sandbox) (sandbox)". Generated over labels people
 * give (with the mode in it or not, any case, the demo's) and both modes: the mode appears exactly
 * once, the label is kept whole, and a disabled account says so.
 */
import { describe, expect, it } from "vitest";
import { accountOptionLabel } from "@/lib/settings/account-label";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";

const MODES = ["SANDBOX", "LIVE"] as const;
const word = (mode: (typeof MODES)[number]) => (mode === "LIVE" ? "live" : "sandbox");
const LABELS = (mode: (typeof MODES)[number]) => [
  "Main reseller",
  `Main reseller (${word(mode)})`,
  `Main reseller (${word(mode).toUpperCase()})`,
  `${word(mode)} account`,
  "Demo reseller (sandbox)",
  DEMO_RESELLER.label,
  "Delivery team", // "live" inside another word is not the mode
];

describe("accountOptionLabel", () => {
  for (const mode of MODES) {
    for (const label of LABELS(mode)) {
      it(`${mode} "${label}": the mode once, the label whole`, () => {
        const shown = accountOptionLabel({ label, mode });
        expect(shown.startsWith(label)).toBe(true);
        expect(shown.match(new RegExp(`\\b${word(mode)}\\b`, "gi"))?.length).toBe(1);
      });
    }
  }

  it("names a disabled account as disabled", () => {
    expect(accountOptionLabel({ label: "Old", mode: "LIVE", disabledAt: new Date() })).toBe("Old (live) — disabled");
  });

  it("the demo account is named without its mode (pickers add it)", () => {
    expect(accountOptionLabel({ label: DEMO_RESELLER.label, mode: "SANDBOX" })).toBe("Demo reseller (sandbox)");
  });
});
