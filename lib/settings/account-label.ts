/**
 * How an account is named in a picker: its label and its mode, the mode once. Admins often put the
 * mode in the label ("Main reseller (live)", the demo's old "Demo reseller (sandbox)"); then it is
 * not repeated. A disabled account says so (it is listed only where history is shown).
 */
export function accountOptionLabel(account: { label: string; mode: "SANDBOX" | "LIVE"; disabledAt?: Date | string | null }): string {
  const mode = account.mode === "LIVE" ? "live" : "sandbox";
  const named = new RegExp(`\\b${mode}\\b`, "i").test(account.label);
  return `${account.label}${named ? "" : ` (${mode})`}${account.disabledAt ? " — disabled" : ""}`;
}
