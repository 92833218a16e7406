import type { Actor } from "@/lib/auth/session";

/**
 * The actor a job or script passes to use cases: they check its permission like anyone else's.
 * It has no user row: events and audit rows record it as "Order Desk (<what>)" with no user id.
 */
export function systemActor(what: string): Actor {
  return { id: "", email: "", name: `Order Desk (${what})`, role: "ADMIN", system: what };
}

/** The user id to store for an actor (null for Order Desk itself). */
export function actorUserId(actor: Actor): string | null {
  return actor.system ? null : actor.id;
}

/** How an actor is named in an order's story. */
export function actorLabel(actor: Actor): string {
  return actor.system ? actor.name : `${actor.name} (${actor.email})`;
}
