/**
 * What support pastes, reduced to what it names (issue 17 item 2): a customer writes
 * "https://www.acme-hosting.example/path", "Jane <jane@acme.example>", "mailto:jane@acme.example",
 * "ACME.EXAMPLE." or "'9100002'", and each should find what the bare value finds.
 * Pure, no database; lib/lookup/find-plan.ts plans the cleaned text.
 *
 * The rules, in order:
 * - surrounding quotes, brackets and punctuation a sentence leaves ("<…>", "(…)", "'…'", "…,") go;
 * - "Name <address>" is the address in the brackets;
 * - "mailto:" goes, and so does what follows "?" in a mailto link;
 * - a URL ("scheme://", or a host followed by "/", "?", "#" or ":port") is its host: no scheme,
 *   user, port, path, query or fragment;
 * - a host (a text with a dot and no space or "@") loses its trailing dot(s) and a leading "www."
 *   (when a registrable name remains), and is lower-cased: domains are stored lower-case;
 * - one word ending in full stops (an order number or reference at the end of a sentence) loses them;
 * - anything else (a name, an order number, a part of a domain) is left as it is.
 */

const WRAPPERS: Array<[string, string]> = [
  ["<", ">"],
  ["(", ")"],
  ["[", "]"],
  ["{", "}"],
  ['"', '"'],
  ["'", "'"],
  ["`", "`"],
  ["\u201c", "\u201d"],
  ["\u2018", "\u2019"],
  ["\u00ab", "\u00bb"],
];

/** "Name <address>" or "Name <https://…>": the bracketed part. */
const NAMED_ADDRESS = /^[^<>]*<\s*([^<>\s]+)\s*>\s*$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const MAILTO = /^mailto:/i;
/** A host followed by a port, path, query or fragment: "acme.example/path", "acme.example:8443". */
const HOST_THEN_REST = /^([^\s/?#@:]+\.[^\s/?#@:]+)(?::\d{1,5})?(?:[/?#].*)?$/;
const HOST = /^[^\s@/?#:]+\.[^\s@/?#:]+\.?$/;

function unwrap(text: string): string {
  let t = text.trim();
  for (let changed = true; changed && t.length > 0; ) {
    changed = false;
    // Sentence punctuation after a pasted value ("acme.example," "jane@acme.example;").
    const trimmed = t.replace(/[,;]+$/, "").trim();
    if (trimmed !== t) {
      t = trimmed;
      changed = true;
    }
    for (const [open, close] of WRAPPERS) {
      if (t.length >= 2 && t.startsWith(open) && t.endsWith(close)) {
        t = t.slice(open.length, t.length - close.length).trim();
        changed = true;
      }
    }
  }
  return t;
}

/** The host of a URL, without user, port, path, query and fragment; undefined when `text` is not one. */
function urlHost(text: string): string | undefined {
  if (SCHEME.test(text)) {
    const rest = text.replace(SCHEME, "");
    const authority = rest.split(/[/?#]/, 1)[0] ?? "";
    const host = authority.slice(authority.lastIndexOf("@") + 1).replace(/:\d*$/, "");
    return host || undefined;
  }
  const m = HOST_THEN_REST.exec(text);
  return m && m[0] !== m[1] ? m[1] : undefined;
}

/** A host as stored: lower-case, no trailing dot, no leading "www." while a dotted name remains. */
export function canonicalHost(host: string): string {
  let h = host.toLowerCase().replace(/\.+$/, "");
  if (h.startsWith("www.") && h.slice(4).includes(".")) h = h.slice(4);
  return h;
}

/** The value a pasted text names (see above); the text itself, trimmed, when it names nothing more. */
export function pastedValue(raw: string): string {
  let t = unwrap(raw);
  const named = NAMED_ADDRESS.exec(t);
  if (named?.[1]) t = unwrap(named[1]);
  if (MAILTO.test(t)) t = t.replace(MAILTO, "").split("?", 1)[0]!.trim();
  if (t.includes("@") && !/\s/.test(t) && !SCHEME.test(t)) {
    // An e-mail address: stored lower-case; a trailing dot after its domain is a sentence's.
    return t.toLowerCase().replace(/\.+$/, "");
  }
  const host = urlHost(t);
  if (host) return canonicalHost(host);
  if (HOST.test(t)) return canonicalHost(t);
  // One word that a sentence ended ("order 9100001." or "OD-DEMO-0001."): the full stop is the
  // sentence's (issue 17 review). Names with spaces ("J. Smith") are left as typed.
  if (/^[^\s.]+\.+$/.test(t)) return t.replace(/\.+$/, "");
  return t;
}
