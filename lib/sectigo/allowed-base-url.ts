import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { SECTIGO_LIVE_BASE_URL, checkSectigoBaseUrl } from "@/lib/sectigo/client/allowed-urls";

export const LIVE_UNDER_SANDBOX_CLOCK =
  "This Order Desk follows the Sectigo sandbox's clock (APP_CLOCK=sandbox, the demo): a live account's renewal and refund periods would be judged on the sandbox's time. Start Order Desk with APP_CLOCK=machine to use a live account.";

/**
 * The sandbox URLs SANDBOX accounts may use: the one the app was started with, and the allow-list.
 * None with SECTIGO_MODE=live: a live deployment reaches no sandbox at all (README "Deploying").
 */
export function allowedSandboxUrls(): string[] {
  const env = serverEnv();
  if (env.SECTIGO_MODE === "live") return [];
  return [env.SECTIGO_SANDBOX_URL, ...env.SECTIGO_ALLOWED_SANDBOX_URLS];
}

/**
 * Refuses, as a message on the `apiBaseUrl` field, a URL the account's password may not be sent
 * to. Checked when an account is saved and before every Test connection; the form's zod schema
 * cannot do it, as the browser does not know which sandbox this server was started with.
 */
export function assertAllowedBaseUrl(apiBaseUrl: string, mode: "LIVE" | "SANDBOX"): void {
  // One clock per process (lib/clock): following the sandbox's moved clock, a live account's renewal
  // and refund periods would be judged on a time live Sectigo does not keep.
  if (mode === "LIVE" && serverEnv().APP_CLOCK === "sandbox") throw new AppError("INVALID_INPUT", LIVE_UNDER_SANDBOX_CLOCK, "mode");
  const sandboxUrls = allowedSandboxUrls();
  const refusal = checkSectigoBaseUrl(apiBaseUrl, mode, sandboxUrls);
  if (!refusal) return;
  const message =
    refusal === "live-not-sectigo"
      ? `A live account can only use Sectigo's API at ${SECTIGO_LIVE_BASE_URL}`
      : refusal === "sandbox-not-configured" && sandboxUrls.length === 0
        ? "This Order Desk runs against live Sectigo (SECTIGO_MODE=live): sandbox accounts cannot be used here"
        : refusal === "sandbox-not-configured"
        ? `A sandbox account can only use the sandbox this Order Desk was started with: ${sandboxUrls.join(" or ")}`
        : "Enter a base URL without a query or fragment, such as https://secure.trust-provider.com/products/";
  throw new AppError("INVALID_INPUT", message, "apiBaseUrl");
}
