/**
 * The one authorized-action wrapper. Every server action goes through it: a server action is a
 * public POST endpoint, so hiding a button protects nothing. In order: session, role, zod
 * parsing, then the use case; errors become data (lib/errors.ts). Every state-changing action is
 * written to the append-only audit log (lib/audit): who, what, when, from where, the input without
 * secrets, the outcome and the before/after the use case recorded. Every action is registered
 * (`registeredActions`) so the role matrix test can call each one as each role.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { can, type Permission } from "@/lib/auth/roles";
import type { Actor } from "@/lib/auth/session";
import { AppError, type ActionResult, type ErrorCode, type FieldErrors } from "@/lib/errors";
import { auditScopeOf, type AuditChange } from "@/lib/audit/audit-scope";
import type { AuditRecord } from "@/lib/audit/write-audit-entry";

export interface ActionDeps {
  getActor: () => Promise<Actor | null>;
  logError?: (ref: string, error: unknown) => void;
  /** Appends an audit entry; absent in unit tests of the wrapper. */
  audit?: (record: AuditRecord) => Promise<void>;
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

export function createActionClient(deps: ActionDeps) {
  return function authorizedAction<S extends z.ZodType, T>(
    options: ActionOptions<S>,
    handler: (actor: Actor, input: z.output<S>) => Promise<T>,
  ): (input: z.input<S>) => Promise<ActionResult<T>> {
    const audited = options.audit !== false;
    const audit = async (actor: Actor, outcome: ErrorCode | "OK", input: unknown, changes: AuditChange[]) => {
      if (!audited || !deps.audit) return;
      try {
        const where = (await deps.requestInfo?.()) ?? {};
        await deps.audit({ actor, action: options.name, outcome, input, changes, ...where });
      } catch (error) {
        // The action's own outcome stands (its change is made); the failure to record it is logged.
        const ref = randomUUID().slice(0, 8);
        (deps.logError ?? defaultLogError)(ref, error);
      }
    };
    const action = async (rawInput: z.input<S>): Promise<ActionResult<T>> => {
      const actor = await deps.getActor();
      if (!actor) {
        return { ok: false, error: { code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again." } };
      }
      if (!can(actor.role, options.permission)) {
        await audit(actor, "FORBIDDEN", rawInput, []);
        return { ok: false, error: { code: "FORBIDDEN", message: "Your role does not allow this action." } };
      }
      const parsed = options.schema.safeParse(rawInput);
      if (!parsed.success) {
        return {
          ok: false,
          error: { code: "INVALID_INPUT", message: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) },
        };
      }
      const changes: AuditChange[] = [];
      try {
        const data = await auditScopeOf(changes, () => handler(actor, parsed.data));
        await audit(actor, "OK", parsed.data, changes);
        return { ok: true, data };
      } catch (error) {
        if (error instanceof AppError) {
          await audit(actor, error.code, parsed.data, changes);
          return {
            ok: false,
            error: {
              code: error.code,
              message: error.message,
              fieldErrors: error.field ? { [error.field]: [error.message] } : undefined,
            },
          };
        }
        const ref = randomUUID().slice(0, 8);
        (deps.logError ?? defaultLogError)(ref, error);
        await audit(actor, "INTERNAL", parsed.data, changes);
        return {
          ok: false,
          error: { code: "INTERNAL", message: unexpectedErrorMessage(ref), ref },
        };
      }
    };
    REGISTRY.set(action as never, { name: options.name, permission: options.permission, audit: audited });
    return action;
  };
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
