/**
 * Display-side redaction of recorded Sectigo calls: any `…password…` value, in a JSON body or a
 * form body, becomes [REDACTED]. The client already redacts before recording; this is the second
 * lock for rows written by older code or by hand.
 */
export function redactText(text: string): string {
  return text
    .replace(/("[^"]*password[^"]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, '$1"[REDACTED]"')
    .replace(/((?:^|[&?\s])[^=&\s]*password[^=&\s]*=)[^&\s]*/gi, "$1[REDACTED]");
}
