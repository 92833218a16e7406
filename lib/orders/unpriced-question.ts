/**
 * The unpriced question's key (server only: it hashes). It names the plans asked about
 * (`unpriced:code-signing|1511,…`), readable while it fits a key's length; a longer list (a cart of
 * many long-named plans) is named by its hash instead, so any list can be acknowledged, and a
 * different list is still a different key (an old acknowledgement does not answer a new question).
 */
import { createHash } from "node:crypto";
import { KEY_MAX } from "./server-confirmations";

export function unpricedKey(plans: readonly string[]): string {
  const list = [...plans].sort().join(",");
  const readable = `unpriced:${list}`;
  return readable.length <= KEY_MAX ? readable : `unpriced:sha256:${createHash("sha256").update(list).digest("hex")}`;
}
