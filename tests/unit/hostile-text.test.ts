/**
 * Issue 16 items 1 and 4: text that cannot be stored (unpaired surrogates, null bytes) and text
 * that shows differently from what it is (bidi controls, zero-width and other invisible
 * characters) is refused as a field error, everywhere people type.
 *
 * The oracle is written here from the Unicode documents, not taken from lib/validation/text.ts:
 * UAX #9 lists the bidi formatting characters, and the invisible ones below are the Cf
 * (format) characters of UnicodeData.txt that render as nothing, plus the blank-looking letters.
 * Cases are generated: random text with one hostile character put anywhere, for the shared
 * plainText schema, for every text field of every catalog product, and for the action wrapper.
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { PRODUCTS, formFieldsFor, orderSchemaFor, type OrderFormInput } from "@/lib/catalog";
import { plainText, unsafeTextProblem } from "@/lib/validation/text";
import { redactInput } from "@/lib/audit/redact-input";
import { createActionClient } from "@/lib/auth/authorized-action";
import { createUserSchema } from "@/lib/users/user-schemas";
import { validInput } from "../fixtures/catalog-input";

/** UAX #9 §2: explicit directional embeddings, overrides, isolates and the implicit marks. */
const BIDI = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c];
/** Zero-width and invisible format characters, and letters that render blank. */
/** ... and the Default_Ignorable_Code_Point characters that are not Cf (DerivedCoreProperties.txt): found by the review. */
const INVISIBLE = [0x200b, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff, 0x00ad, 0x180e, 0x115f, 0x1160, 0x3164, 0xffa0, 0x2800, 0xe0041, 0xe007f, 0x034f, 0xfe00, 0xfe0d, 0xe0100, 0xe01ef, 0x17b4, 0x17b5, 0x180b, 0x180c, 0x180d, 0x180f, 0x1d173];
const LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"];
const NUL = "\u0000";

const hostile = fc.oneof(
  fc.constantFrom(...BIDI, ...INVISIBLE).map((cp) => String.fromCodePoint(cp)),
  fc.constantFrom(...LONE_SURROGATES, NUL),
);
/** Visible text from several scripts, as people type names. */
const visible = fc.stringMatching(/^[A-Za-z0-9 .,'&()\u00C0-\u00FF\u0400-\u04FF\u05D0-\u05EA\u0627-\u064A\u4E00-\u4E50-]{1,30}$/).filter((s) => s.trim().length > 0);
/** Visible text with one hostile character inside it (at the edges, trimming may remove it: see below). */
const withHostile = fc.tuple(visible.filter((t) => t.trim().length > 1), hostile, fc.nat()).map(([text, bad, at]) => {
  const core = text.trim();
  const i = 1 + (at % (core.length - 1));
  return `${core.slice(0, i)}${bad}${core.slice(i)}`;
});
const HOSTILE_CODE_POINTS = new Set([...BIDI, ...INVISIBLE]);
/** The oracle: no bidi/invisible character, no lone surrogate, no null byte. */
function clean(text: string): boolean {
  if (!storableText(text)) return false;
  return [...text].every((ch) => !HOSTILE_CODE_POINTS.has(ch.codePointAt(0)!));
}
/** What PostgreSQL can store at all: no null byte, every surrogate in a pair (scanned by code unit). */
function storableText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0) return false;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return false;
  }
  return true;
}

describe("hostile text is refused as a field error", () => {
  it("plainText refuses any visible text with one hostile character inside, accepts the visible text, and never keeps one anywhere", () => {
    const schema = plainText({ label: "a name", max: 200 });
    fc.assert(
      fc.property(visible, (text) => {
        expect(schema.safeParse(text).success).toBe(true);
      }),
    );
    fc.assert(
      fc.property(withHostile, (text) => {
        const result = schema.safeParse(text);
        expect(result.success).toBe(false);
        expect(result.error?.issues[0]?.message).toMatch(/invisible|broken|control/);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(visible, hostile), { minLength: 1, maxLength: 6 }), (parts) => {
        const result = schema.safeParse(parts.join(""));
        if (result.success) expect(clean(result.data)).toBe(true);
      }),
    );
  });

  it("names the character it refuses (U+202E shows as 'right-to-left override')", () => {
    expect(unsafeTextProblem("exe\u202Egnp.png", "the customer name")).toMatch(/U\+202E, right-to-left override/);
  });

  it("keeps what real names need: joiners inside words and emoji, accents, other scripts", () => {
    for (const name of ["می\u200Cخواهم", "क्\u200Dष", "👩\u200D💻 Studio", "👨🏽\u200D🍳 Kitchen", "❤\uFE0F Cafe", "1\uFE0F\u20E3 Hosting", "❤\uFE0F\u200D🔥 Bar", "Zoë Ångström", "東京ホスティング", "O'Brien & Co. (Ltd)"]) {
      expect(unsafeTextProblem(name, "a name"), name).toBeUndefined();
    }
    // A joiner with nothing to join is only there to hide.
    for (const name of ["\u200DAcme", "Acme \u200C", "Ac \u200Dme", "Ada\uFE0F Admin", "Ada\uFE0E"]) expect(unsafeTextProblem(name, "a name"), JSON.stringify(name)).toBeDefined();
  });

  // Every text field of every orderable product, generated from the catalog: the same schema is
  // the form's resolver and the server's check, so this is what a person sees next to the field.
  const textFields = PRODUCTS.filter((p) => p.orderable).flatMap((product) =>
    formFieldsFor(product)
      .filter((f) => ["text", "email", "tel", "textarea"].includes(f.input))
      .map((field) => [product.key, field.key, product] as const),
  );
  it.each(textFields)("%s: %s refuses a hostile character", (_key, fieldKey, product) => {
    const schema = orderSchemaFor(product);
    fc.assert(
      fc.property(hostile, (bad) => {
        const valid = String(validInput(product)[fieldKey] ?? "Value");
        const input: OrderFormInput = { ...validInput(product), [fieldKey]: `${valid.slice(0, 1)}${bad}${valid.slice(1)}` };
        const result = schema.safeParse(input);
        expect(result.success).toBe(false);
        expect(result.error?.issues.some((i) => i.path[0] === fieldKey)).toBe(true);
      }),
      { numRuns: 12 },
    );
  });

  it("the action wrapper refuses unstorable text at any depth of any action's input, before the handler runs", async () => {
    const handler = vi.fn(async () => "done");
    const action = createActionClient({ getActor: async () => ({ id: "a", email: "a@x.test", name: "A", role: "ADMIN" }), logError: () => {} })(
      { name: "test.anything", permission: "manageUsers", schema: z.object({ values: z.record(z.string(), z.unknown()) }) },
      handler,
    );
    await fc.assert(
      fc.asyncProperty(visible, fc.constantFrom(...LONE_SURROGATES, NUL), fc.constantFrom("a", "deep"), async (text, bad, key) => {
        const input = key === "a" ? { values: { a: `${text}${bad}` } } : { values: { deep: { list: ["ok", `${bad}${text}`] } } };
        const result = await action(input);
        expect(result.ok).toBe(false);
        expect(!result.ok && result.error.code).toBe("INVALID_INPUT");
        expect(!result.ok && Object.keys(result.error.fieldErrors ?? {})).toEqual([key === "a" ? "values.a" : "values.deep.list.1"]);
      }),
      { numRuns: 40 },
    );
    expect(handler).not.toHaveBeenCalled();
  });

  it("the user form refuses hostile text in the name and the password, with the message on that field", () => {
    fc.assert(
      fc.property(withHostile, (name) => {
        const r = createUserSchema.safeParse({ email: "new@x.test", name, role: "STAFF", password: "a-long-password-1" });
        expect(r.error?.issues.map((i) => i.path[0])).toEqual(["name"]);
      }),
    );
    for (const bad of [...LONE_SURROGATES, NUL]) {
      const r = createUserSchema.safeParse({ email: "new@x.test", name: "Ok", role: "STAFF", password: `a-long-password${bad}` });
      expect(r.error?.issues.map((i) => i.path[0])).toEqual(["password"]);
    }
  });
});

describe("an audit entry can always be stored", () => {
  /** What PostgreSQL's jsonb refuses: an unpaired surrogate or a null byte in any string or key. */
  const storable = (value: unknown): boolean =>
    typeof value === "string"
      ? storableText(value)
      : Array.isArray(value)
        ? value.every(storable)
        : value !== null && typeof value === "object"
          ? Object.entries(value).every(([k, v]) => storableText(k) && storable(v))
          : true;
  it("redactInput leaves no text jsonb refuses, in values or keys, whatever the input", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: "binary" }), (value, text) => {
        expect(storable(redactInput({ value, text, [text]: text, nested: [text, { [text]: value }] }))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("search text", () => {
  it("drops invisible and reordering characters, keeps joiners inside words, never breaks a surrogate pair", async () => {
    const { cleanSearchText } = await import("@/lib/pagination");
    expect(cleanSearchText("acme\u200B-hosting\u202E")).toBe("acme-hosting");
    expect(cleanSearchText("می\u200Cخواهم")).toBe("می\u200Cخواهم");
    fc.assert(
      fc.property(fc.array(fc.oneof(visible, hostile), { minLength: 1, maxLength: 6 }), (parts) => {
        expect(clean(cleanSearchText(parts.join("")))).toBe(true);
      }),
    );
  });
});
