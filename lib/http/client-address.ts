/**
 * The client's network address as the Order Desk server saw it. The launcher's Next server
 * (tools/launcher/) overwrites this header on every request with the socket's address (or, when
 * TRUST_PROXY_HOPS is set, the address the trusted reverse proxies report), so a browser cannot
 * choose its own value. Sign-in throttling keys on it.
 */
export const CLIENT_ADDRESS_HEADER = "x-orderdesk-client-address";

export function clientAddressFrom(headers: { get(name: string): string | null } | Record<string, unknown> | undefined): string {
  if (!headers) return "unknown";
  const raw =
    typeof (headers as { get?: unknown }).get === "function"
      ? (headers as { get(name: string): string | null }).get(CLIENT_ADDRESS_HEADER)
      : (headers as Record<string, unknown>)[CLIENT_ADDRESS_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === "string" && value.length > 0 && value.length <= 64 ? value : "unknown";
}
