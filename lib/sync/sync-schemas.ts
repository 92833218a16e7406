/** Input of the sync actions: shared by the page's forms and the use cases. */
import { z } from "zod";

export const startSyncSchema = z.object({
  resellerAccountId: z.string().trim().min(1, "Choose a reseller account.").max(64),
});
export type StartSyncInput = z.input<typeof startSyncSchema>;

/**
 * One row (`ids` of one) or several; `all` takes every open row of one run (bulk), `runId`, which
 * must be the latest run of its reseller account.
 */
export const decideDriftSchema = z
  .object({
    decision: z.enum(["ACCEPT", "IGNORE"]),
    ids: z.array(z.string().trim().min(1).max(64)).max(500).default([]),
    all: z.boolean().default(false),
    runId: z.string().trim().min(1).max(64).optional(),
    /**
     * With `all`: how many differences the person confirmed this click changes (the page's
     * confirmation names it). When the number is no longer that, nothing is decided.
     */
    expected: z.number().int().min(1).max(500).optional(),
  })
  .refine((v) => v.all || v.ids.length > 0, { message: "Choose at least one difference.", path: ["ids"] })
  .refine((v) => !v.all || !!v.runId, { message: "Choose the sync run whose differences to decide.", path: ["runId"] })
  // Taking Sectigo's value for all changes licenses: only with the number the person was shown (review of issue 17).
  .refine((v) => !v.all || v.decision !== "ACCEPT" || v.expected !== undefined, { message: "Confirm how many differences to change (reload the page).", path: ["expected"] });
export type DecideDriftInput = z.input<typeof decideDriftSchema>;
