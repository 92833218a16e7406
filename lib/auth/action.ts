import { createActionClient } from "@/lib/auth/authorized-action";
import { getActor } from "@/lib/auth/session";

/** Server actions import this: `export const x = authorizedAction({ permission, schema }, handler)`. */
export const authorizedAction = createActionClient({ getActor });
