/**
 * What is typed is kept in the tab's sessionStorage (never passwords) so a failed submit or a reload
 * loses nothing; the submission key travels with it, so a double click, a retry or a copied tab places one order.
 */
import { FIELD_SPECS, type FieldKey } from "@/lib/catalog";
import type { Draft } from "./types";

const DRAFT_KEY = "orderdesk.new-order.v1";

export function loadDraft(): Draft | null {
  try {
    const text = sessionStorage.getItem(DRAFT_KEY);
    return text ? (JSON.parse(text) as Draft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(draft: Draft): void {
  try {
    const noSecrets = (v: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(v ?? {}).filter(([k]) => !FIELD_SPECS[k as FieldKey]?.secret));
    const cart = (draft.cart ?? []).map((c) => ({ ...c, values: noSecrets(c.values) }));
    const byProduct = Object.fromEntries(Object.entries(draft.byProduct ?? {}).map(([k, v]) => [k, noSecrets(v)]));
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ ...draft, values: noSecrets(draft.values), carry: noSecrets(draft.carry), cart, byProduct }));
  } catch {
    /* private mode or full storage: the form still works, only without the safety net */
  }
}

/** The order was placed: the next visit starts a new one. */
export function clearDraft(): void {
  sessionStorage.removeItem(DRAFT_KEY);
}
