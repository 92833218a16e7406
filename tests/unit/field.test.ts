import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Field, inputClass } from "@/components/ui/field";

const render = (props: { error?: string; hint?: string }, inputProps: Record<string, unknown> = {}) =>
  renderToStaticMarkup(createElement(Field, { id: "f-email", label: "Email", ...props, children: createElement("input", { id: "f-email", ...inputProps }) }));

describe("Field", () => {
  it("ties the error to its input and marks it invalid", () => {
    const html = render({ error: "Enter a valid email address." });
    expect(html).toMatch(/<input[^>]*aria-describedby="f-email-error"/);
    expect(html).toMatch(/<input[^>]*aria-invalid="true"/);
    expect(html).toContain('<p id="f-email-error"');
  });

  it("ties the hint to its input when there is no error", () => {
    const html = render({ hint: "At least 12 characters." });
    expect(html).toMatch(/<input[^>]*aria-describedby="f-email-hint"/);
    expect(html).toMatch(/<p id="f-email-hint"[^>]*>At least 12 characters\.<\/p>/);
    expect(html).not.toContain("aria-invalid");
  });

  it("keeps a describedby the form set itself, and describes nothing when there is nothing", () => {
    expect(render({ error: "Bad." }, { "aria-describedby": "own-note" })).toMatch(/aria-describedby="own-note f-email-error"/);
    expect(render({})).not.toContain("aria-describedby");
  });

  it("never removes the focus outline of inputs", () => {
    expect(inputClass).not.toMatch(/(^|\s)(focus:)?outline-none/);
    expect(inputClass).toMatch(/focus(-visible)?:outline-2/);
  });
});
