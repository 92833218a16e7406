/**
 * Where a reseller account may send its Sectigo password (lib/sectigo/README.md, "Where the
 * password may go"). Pure: the caller passes the sandbox URLs this Order Desk was started with.
 *
 * - LIVE: only `https://secure.trust-provider.com/products/`, the one host and path Sectigo
 *   documents for the login/password API (Sectigo's "SRA integration API overview" and every API reference page).
 * - SANDBOX: only one of the configured sandbox URLs, exactly (same scheme, host, port and path),
 *   so neither another port of that machine nor the sandbox's admin routes can be named.
 */

/** Sectigo's documented hosts for the login/password reseller API. */
export const SECTIGO_LIVE_HOSTS: readonly string[] = ["secure.trust-provider.com"];
export const SECTIGO_LIVE_PATH = "/products/";
export const SECTIGO_LIVE_BASE_URL = `https://${SECTIGO_LIVE_HOSTS[0]}${SECTIGO_LIVE_PATH}`;

/**
 * The base URL as the client will use it (the trailing slash added, `..` and `%2e%2e` resolved,
 * host lower-cased, default port dropped), or undefined for anything that is not a plain
 * http(s) URL without credentials, query or fragment.
 */
export function normalizeBaseUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.username || url.password) return undefined;
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  const plain = `${url.origin}${url.pathname}`;
  // A query or fragment (even an empty `?`) has no place in a base URL.
  return url.href === plain ? plain : undefined;
}

export type BaseUrlRefusal = "invalid" | "live-not-sectigo" | "sandbox-not-configured";

export function checkSectigoBaseUrl(raw: string, mode: "LIVE" | "SANDBOX", sandboxUrls: readonly string[]): BaseUrlRefusal | undefined {
  const normalized = normalizeBaseUrl(raw);
  if (!normalized) return "invalid";
  if (mode === "LIVE") {
    const url = new URL(normalized);
    const sectigo = url.protocol === "https:" && SECTIGO_LIVE_HOSTS.includes(url.hostname) && url.port === "" && url.pathname === SECTIGO_LIVE_PATH;
    return sectigo ? undefined : "live-not-sectigo";
  }
  const allowed = sandboxUrls.map(normalizeBaseUrl).filter((u): u is string => !!u);
  return allowed.includes(normalized) ? undefined : "sandbox-not-configured";
}
