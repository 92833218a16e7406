/**
 * Generated from the account schemas (issue 17 #11): every message the add, edit and connection-test
 * schemas can give for a field is shown beside that field (its own `<p id="…-error">`, which the
 * field's control names in aria-describedby), and every field of the schemas has a control. The
 * messages are found by parsing each field with a fixed set of bad values, not listed by hand, so a
 * new field or a new rule is covered without touching this test.
 */
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import {
  BRAND_REQUIRED,
  createResellerAccountSchema,
  testConnectionSchema,
  updateResellerAccountSchema,
} from "@/lib/settings/reseller-account-schemas";
import { ResellerAccountFields, type AccountFieldName } from "@/components/settings/reseller-account-fields";

const valid = {
  id: "acct_1",
  label: "Main reseller",
  loginName: "reseller-login",
  password: "s3cret-pass",
  apBrand: "MyBrand",
  apiBaseUrl: "https://secure.trust-provider.com/products/",
  mode: "LIVE",
  autoRenewDefault: true,
  isDefault: false,
};

const BAD: unknown[] = ["", " ", "x".repeat(400), "a\u0007b", "a\u202Eb", "not a url", "http://user:pw@host/", "ftp://host/", "http://plain.example/", "ab cd!", "MAYBE", 42, null, undefined, true];

/** Every (field, message) the schemas give for one bad value in one field (the rest valid). */
function messages(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const schema of [createResellerAccountSchema, updateResellerAccountSchema, testConnectionSchema]) {
    // `id` is the edited account's, never typed: a page bug, not a message for a person.
    for (const field of Object.keys(schema.shape).filter((k) => k !== "id")) {
      for (const bad of BAD) {
        const result = schema.safeParse({ ...valid, [field]: bad });
        if (result.success) continue;
        for (const issue of result.error.issues) {
          const key = String(issue.path[0] ?? "_form");
          if (key === "id") continue;
          if (!out.has(key)) out.set(key, new Set());
          out.get(key)!.add(issue.message);
        }
      }
    }
  }
  return out;
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

function render(errors: Partial<Record<AccountFieldName, string>>) {
  return renderToStaticMarkup(createElement(ResellerAccountFields, { errors, register: (name: AccountFieldName) => ({ name }), editing: true }));
}

/** The aria-describedby of the control named `name` (input or select). */
function describedBy(html: string, name: string): string[] {
  const tag = [...html.matchAll(/<(input|select)\b[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(` name="${name}"`));
  expect(tag, `a control named ${name}`).toBeDefined();
  return / aria-describedby="([^"]*)"/.exec(tag!)?.[1]?.split(" ") ?? [];
}

describe("reseller account form: every validation message beside its field (generated from the schemas)", () => {
  const found = messages();

  it("finds messages for every field the schemas check, the brand's 'required' among them", () => {
    expect([...found.keys()].sort()).toEqual(expect.arrayContaining(["apBrand", "apiBaseUrl", "label", "loginName", "mode", "password"]));
    expect(found.get("apBrand")).toContain(BRAND_REQUIRED);
    // No message is left without a field to stand beside.
    expect(found.has("_form")).toBe(false);
  });

  it("has a control for every field of the add and edit schemas", () => {
    const html = render({});
    for (const field of Object.keys(updateResellerAccountSchema.shape).filter((k) => k !== "id")) describedBy(html, field);
  });

  for (const [field, set] of messages()) {
    for (const message of set) {
      it(`${field}: “${message}” is shown beside ${field}`, () => {
        const html = render({ [field]: message } as Partial<Record<AccountFieldName, string>>);
        const ids = describedBy(html, field).filter((id) => id.endsWith("-error"));
        expect(ids).toHaveLength(1);
        expect(html).toContain(`<p id="${ids[0]}" class="text-sm text-red-700">${escape(message)}</p>`);
        // Only there: no other field shows it.
        expect(html.split(escape(message)).length - 1).toBe(1);
      });
    }
  }
});
