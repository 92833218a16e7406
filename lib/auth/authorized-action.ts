/**
 * The one authorized-action wrapper. Every server action goes through it: a server action is a
 * public POST endpoint, so hiding a button protects nothing. In order: session, role, zod
 * parsing, then the use case; errors become data (lib/errors.ts). Every state-changing action is
 * written to the append-only audit log (lib/audit): who, what, when, from where, the input without
 * secrets, the outcome and the before/after the use case recorded. A change to our database is
 * written with its entry in one transaction (lib/audit/audited-transaction.ts); an action whose
 * entry cannot be written does not run (auditCheck) or is rolled back: never "done, but unrecorded". Every action is registered
 * (`registeredActions`) so the role matrix test can call each one as each role.
 *
 * Why not next-safe-action (what dub and formbricks build this on; 8.x takes Next >= 14 and any
 * Standard Schema library, zod 4 included):
 * what it would take over is the short part of this file, the chain "session, role, parse, run,
 * map errors", which it offers as middleware (`.use()`) and `inputSchema`. Most of this file is what
 * an audited action needs around the use case, and that would stay ours as middleware: the
 * unencodable-text refusal before any schema, proving the entry writable before a call to Sectigo
 * (auditCheck), the AsyncLocalStorage scope that lets a use case write its entry inside its own
 * transaction, the refusal entries, `outcomeOf`, the retried write after an undoable call, and the
 * registry the role-matrix test walks. Its result shape (`{ data, serverError, validationErrors }`)
 * differs from `ActionResult` (`{ ok, data } | { ok: false, error: { code, message, fieldErrors, ref } }`),
 * which 27 actions in 12 files and every form and test read: adopting it is a rewrite of every caller
 * for a chain of four steps, with the money-moving parts unchanged. Revisit if the chain grows
 * (rate limits, per-tenant checks), where composable middleware starts to pay.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { can, type Permission } from "@/lib/auth/roles";
import type { Actor } from "@/lib/auth/session";
import { AppError, type ActionResult, type ErrorCode, type FieldErrors } from "@/lib/errors";
import { runInAuditContext, type AuditChange, type AuditContext, type AuditDb } from "@/lib/audit/audit-scope";
import { hasUnencodableText } from "@/lib/validation/text";
import type { AuditRecord } from "@/lib/audit/write-audit-entry";

export interface ActionDeps {
  getActor: () => Promise<Actor | null>;
  logError?: (ref: string, error: unknown) => void;
  /** Appends an audit entry (through `db` when given: the use case's transaction); absent in unit tests of the wrapper. */
  audit?: (record: AuditRecord, db?: AuditDb) => Promise<void>;
  /**
   * Proves, before the action runs, that its audit entry can be written (the database takes the
   * entry's values and lets this role insert). An action whose entry could not be written does
   * not run: for a call to Sectigo, which cannot be undone, this is the only point to refuse.
   */
  auditCheck?: (record: AuditRecord) => Promise<void>;
  /** Where the request came from, for the audit entry. */
  requestInfo?: () => Promise<{ clientAddress?: string; userAgent?: string }>;
}

export interface ActionOptions<S extends z.ZodType> {
  /** Stable name in the audit log and the role matrix, e.g. "orders.decideAuthorization". */
  name: string;
  permission: Permission;
  schema: S;
  /** false for actions that change nothing (searches, price look-ups): no audit entry. */
  audit?: boolean;
}

export interface RegisteredAction {
  name: string;
  permission: Permission;
  audit: boolean;
}

const REGISTRY = new Map<(input: never) => Promise<ActionResult<unknown>>, RegisteredAction>();

/** The wrapper's record of an exported server action function (undefined: not made by the wrapper). */
export function registeredAction(fn: unknown): RegisteredAction | undefined {
  return REGISTRY.get(fn as never);
}

/** Attempts at writing an entry after an action whose change could not share its transaction. */
const AFTER_WRITE_ATTEMPTS = 3;

export function createActionClient(deps: ActionDeps) {
  const logError = deps.logError ?? defaultLogError;
  return function authorizedAction<S extends z.ZodType, T>(
    options: ActionOptions<S>,
    handler: (actor: Actor, input: z.output<S>) => Promise<T>,
  ): (input: z.input<S>) => Promise<ActionResult<T>> {
    const audited = options.audit !== false && deps.audit !== undefined;
    const where = async () => (audited ? ((await deps.requestInfo?.()) ?? {}) : {});
    /** A refusal or failure changed nothing: its entry is written on its own, and a failure to write it is logged. */
    const auditRefusal = async (actor: Actor, outcome: ErrorCode, input: unknown, changes: AuditChange[]) => {
      if (!audited) return;
      try {
        await deps.audit!({ actor, action: options.name, outcome, input, changes, ...(await where()) });
      } catch (error) {
        logError(randomUUID().slice(0, 8), error);
      }
    };
    const action = async (rawInput: z.input<S>): Promise<ActionResult<T>> => {
      const actor = await deps.getActor();
      if (!actor) {
        return { ok: false, error: { code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again." } };
      }
      if (!can(actor.role, options.permission)) {
        await auditRefusal(actor, "FORBIDDEN", rawInput, []);
        return { ok: false, error: { code: "FORBIDDEN", message: "Your role does not allow this action." } };
      }
      // Text no schema should have to think of (an unpaired surrogate, a null byte) is refused
      // for every action, whatever its schema says: it cannot be stored or sent.
      const unencodable = unencodableFields(rawInput);
      const parsed = unencodable ? undefined : options.schema.safeParse(rawInput);
      if (!parsed?.success) {
        return {
          ok: false,
          error: { code: "INVALID_INPUT", message: "Some fields need attention.", fieldErrors: unencodable ?? fieldErrorsOf(parsed!.error) },
        };
      }
      const request = await where();
      const record = (outcome: ErrorCode | "OK", changes: AuditChange[]): AuditRecord => ({ actor, action: options.name, outcome, input: parsed.data, changes, ...request });
      if (audited && deps.auditCheck) {
        try {
          await deps.auditCheck(record("OK", []));
        } catch (error) {
          return internal(error, "Your change was not made: it could not be recorded in the audit log.");
        }
      }
      const context: AuditContext = {
        changes: [],
        written: false,
        writeIn: audited ? (db, changes) => deps.audit!(record("OK", changes), db) : undefined,
      };
      let data: T;
      try {
        data = await runInAuditContext(context, () => handler(actor, parsed.data));
      } catch (error) {
        // An entry written with the change already holds its before/after: the failure that
        // followed (e.g. queueing a job) is its own entry, without repeating them.
        const changes = context.written ? [] : context.changes;
        if (error instanceof AppError) {
          await auditRefusal(actor, error.code, parsed.data, changes);
          return {
            ok: false,
            error: {
              code: error.code,
              message: error.message,
              fieldErrors: error.field ? { [error.field]: [error.message] } : undefined,
            },
          };
        }
        const result = internal(error);
        await auditRefusal(actor, "INTERNAL", parsed.data, changes);
        return result;
      }
      if (audited && !context.written) await writeAfter({ ...record("OK", context.changes), outcome: outcomeOf(data) });
      return { ok: true, data };
    };
    /**
     * The entry of an action whose change could not share a transaction with it (a call to
     * Sectigo, already made and not undoable). auditCheck proved the entry writable just before;
     * what can still fail is the database itself, so it is tried again before giving up loudly.
     */
    const writeAfter = async (entry: AuditRecord) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await deps.audit!(entry);
        } catch (error) {
          if (attempt >= AFTER_WRITE_ATTEMPTS) {
            logError(randomUUID().slice(0, 8), new Error(`AUDIT ENTRY LOST for ${options.name} by user ${entry.actor.id}: ${error instanceof Error ? error.message : String(error)}`));
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        }
      }
    };
    const internal = (error: unknown, lead?: string): ActionResult<T> => {
      const ref = randomUUID().slice(0, 8);
      logError(ref, error);
      return {
        ok: false,
        error: { code: "INTERNAL", message: lead ? `${lead} Try again in a moment, and quote reference ${ref} if it keeps happening.` : unexpectedErrorMessage(ref), ref },
      };
    };
    REGISTRY.set(action as never, { name: options.name, permission: options.permission, audit: options.audit !== false });
    return action;
  };
}

/** What a use case answers as data when it did not do what was asked (a race lost, a duplicate). */
const NOT_DONE = new Set(["ALREADY_DECIDED", "ALREADY_SUBMITTED", "SETTLED_ALREADY", "REFUSED", "NOT_YET", "NEEDS_A_PERSON"]);

/**
 * The entry's outcome for a result returned as data: "OK" when the action did what was asked;
 * otherwise the result's own code (ORDER_PENDING, CHANGED, ALREADY_DECIDED...), so an entry never
 * says "OK" for a request that was refused or lost a race.
 */
export function outcomeOf(data: unknown): string {
  if (data && typeof data === "object") {
    const d = data as Record<string, unknown>;
    if (d.ok === false) return typeof d.code === "string" && /^[A-Z][A-Z_]{1,39}$/.test(d.code) ? d.code : "REFUSED";
    if (d.duplicate === true) return "ALREADY_SUBMITTED";
    if (typeof d.outcome === "string" && NOT_DONE.has(d.outcome)) return d.outcome;
  }
  return "OK";
}

const UNSTORABLE_MESSAGE = "This text holds a broken or invisible character that cannot be stored: type it again.";

/** Every string of the raw input that holds an unpaired surrogate or a null byte, as field errors (null: none). */
function unencodableFields(value: unknown, path: string[] = [], out: FieldErrors = {}, depth = 0): FieldErrors | null {
  if (typeof value === "string") {
    if (hasUnencodableText(value)) (out[path.join(".") || "_form"] ??= []).push(UNSTORABLE_MESSAGE);
  } else if (value && typeof value === "object" && depth < 8) {
    for (const [key, child] of Object.entries(value)) {
      if (hasUnencodableText(key)) (out[path.join(".") || "_form"] ??= []).push(UNSTORABLE_MESSAGE);
      unencodableFields(child, [...path, key], out, depth + 1);
    }
  }
  return depth === 0 && Object.keys(out).length === 0 ? null : out;
}

/**
 * We cannot know how far an unexpected failure got (a call to Sectigo may already have been
 * made), so the message promises nothing: check before trying again, and quote the reference.
 */
export function unexpectedErrorMessage(ref: string): string {
  return `Something went wrong on our side, and we cannot tell whether your change took effect. Check before you try again, and quote reference ${ref} if you contact support.`;
}

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function defaultLogError(ref: string, error: unknown): void {
  // Only the error's own message and stack: inputs may carry secrets and are never logged.
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`[action-error ${ref}] ${detail}`);
}
