import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email.").max(254, "Enter a valid email address.").email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password.").max(200, "That password is too long."),
});

export type SignInInput = z.infer<typeof signInSchema>;

/**
 * Only same-site paths: never send someone to another host after signing in. The URL parser
 * normalises first ("/.//x", "/%2e//x" and "/a/..//x" all become "//x", which a browser reads
 * as another host), then the result must be a single-slash path.
 */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2000) return "/";
  const base = "http://order-desk.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return "/";
  }
  if (url.origin !== base) return "/";
  const path = url.pathname;
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\") || /%2f|%5c/i.test(path.slice(0, 4))) return "/";
  if (path === "/signin" || path.startsWith("/signin/") || path.startsWith("/signout")) return "/";
  const result = path + url.search + url.hash;
  // Belt and braces: what we return must parse back to the same origin and the same path.
  const again = new URL(result, base);
  return again.origin === base && again.pathname === path ? result : "/";
}
