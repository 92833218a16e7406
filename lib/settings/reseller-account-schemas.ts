import { z } from "zod";
import { hasControlCharacters, plainText, unsafeSecretProblem } from "@/lib/validation/text";

export const SECTIGO_MODES = ["SANDBOX", "LIVE"] as const;

/** A LIVE account sends real orders and real money: Sectigo refuses plain HTTP (-1), and so do we. */
export const LIVE_NEEDS_HTTPS = "A live account must use an https:// URL.";

const apiBaseUrl = z
  .string()
  .trim()
  .min(1, "Enter the API base URL.")
  .max(300, "Keep the API base URL under 301 characters.")
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "Enter a URL such as https://secure.trust-provider.com/products/ (no user name or password in it).");

/**
 * Sectigo's `!PlaceOrder` lists `ap` (reseller brand name, max 64) as **required** (the SiteLock
 * PlaceOrder document's "Reseller details" and the reseller PlaceOrder API: "Reseller Brand Name, see
 * the Ordering URLs page for the precise value").
 * Every account may order the catalog's PlaceOrder products (HackerGuardian, SiteLock through
 * PlaceOrder) and make ordering URLs, so an account is saved with its brand; AutoApplyOrder alone
 * does not send it.
 */
export const BRAND_REQUIRED = "Enter the brand (ap): Sectigo's PlaceOrder and ordering URLs refuse an order without it.";

const apBrand = z
  .string()
  .trim()
  .min(1, BRAND_REQUIRED)
  .max(64, "Keep the brand under 65 characters.")
  .refine((v) => !hasControlCharacters(v), "Remove the invisible control characters from the brand.")
  .refine((v) => v === "" || /^[A-Za-z0-9._-]+$/.test(v), "Use letters, digits, dots, dashes or underscores for the brand.");

/** Write-only: the browser sends it, nothing ever sends it back. */
const password = z
  .string()
  .max(128, "Keep the password under 129 characters.")
  .superRefine((v, ctx) => {
    const problem = unsafeSecretProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const accountFields = {
  label: plainText({ label: "a label", max: 100 }),
  loginName: plainText({ label: "the Sectigo login name", max: 64 }),
  apBrand,
  apiBaseUrl,
  mode: z.enum(SECTIGO_MODES, { error: "Choose SANDBOX or LIVE." }),
  autoRenewDefault: z.boolean(),
  isDefault: z.boolean(),
};

function liveNeedsHttps(value: { mode: string; apiBaseUrl: string }, ctx: z.RefinementCtx) {
  if (value.mode === "LIVE" && !/^https:\/\//i.test(value.apiBaseUrl)) {
    ctx.addIssue({ code: "custom", path: ["apiBaseUrl"], message: LIVE_NEEDS_HTTPS });
  }
}

/** Shared by the add form (react-hook-form resolver) and the server action. */
export const createResellerAccountSchema = z
  .object({ ...accountFields, password: password.min(1, "Enter the Sectigo password.") })
  .superRefine(liveNeedsHttps);
export type CreateResellerAccountInput = z.input<typeof createResellerAccountSchema>;

/** Editing: an empty password keeps the stored one. */
export const updateResellerAccountSchema = z
  .object({ id: z.string().min(1).max(64), ...accountFields, password })
  .superRefine(liveNeedsHttps);
export type UpdateResellerAccountInput = z.input<typeof updateResellerAccountSchema>;

/**
 * "Test connection" with the values typed in the form, saved or not. With an `id` and no password
 * typed, the stored password is used; label, brand and defaults do not matter for the test.
 */
export const testConnectionSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    loginName: accountFields.loginName,
    apiBaseUrl,
    mode: accountFields.mode,
    password,
  })
  .superRefine(liveNeedsHttps)
  .superRefine((value, ctx) => {
    if (!value.id && value.password === "") ctx.addIssue({ code: "custom", path: ["password"], message: "Enter the Sectigo password to test it." });
  });
export type TestConnectionInput = z.input<typeof testConnectionSchema>;

/** The form fields a connection test reads (and so the only ones whose errors it may set or clear). */
export const TESTED_FIELDS = (Object.keys(testConnectionSchema.shape) as Array<keyof typeof testConnectionSchema.shape>).filter(
  (k): k is Exclude<keyof typeof testConnectionSchema.shape, "id"> => k !== "id",
);

export const resellerAccountIdSchema = z.object({ id: z.string().min(1).max(64) });

/** Disable (enabled: false) or enable an account again. */
export const setResellerAccountEnabledSchema = z.object({ id: z.string().min(1).max(64), enabled: z.boolean() });
export type SetResellerAccountEnabledInput = z.input<typeof setResellerAccountEnabledSchema>;

/** Everything about an account that may leave the server: never `loginPasswordEnc`. */
export const resellerAccountSelect = {
  id: true,
  label: true,
  loginName: true,
  apBrand: true,
  apiBaseUrl: true,
  mode: true,
  autoRenewDefault: true,
  isDefault: true,
  disabledAt: true,
  updatedAt: true,
} as const;
