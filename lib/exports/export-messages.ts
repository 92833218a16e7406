/** The sentences a refused export answers with, shared by the HTTP answer and the page notice. */
export const EXPORT_REFUSED_MESSAGES = {
  session: "An export is already running for your session. Wait until its download has finished, then export again.",
  server: "The server is already running as many exports as it allows. Try again in a minute.",
} as const;

export type ExportRefusalReason = keyof typeof EXPORT_REFUSED_MESSAGES;

/** The page parameter that carries a refusal back to the page the Export link was on. */
export const EXPORT_REFUSED_PARAM = "exportRefused";

export function exportRefusalOf(value: string | string[] | undefined): ExportRefusalReason | null {
  const v = Array.isArray(value) ? value[0] : value;
  return v === "session" || v === "server" ? v : null;
}
