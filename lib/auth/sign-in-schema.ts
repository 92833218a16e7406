import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email.").max(254, "Enter a valid email address.").email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password.").max(200, "That password is too long."),
});

export type SignInInput = z.infer<typeof signInSchema>;

/** Only same-site paths: never send someone to another host after signing in. */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  // Let the URL parser decide: "/\\evil.com" or "/\t/evil.com" resolve to another origin.
  const base = "http://order-desk.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return "/";
  }
  if (url.origin !== base || url.pathname.startsWith("/signin")) return "/";
  return url.pathname + url.search + url.hash;
}
