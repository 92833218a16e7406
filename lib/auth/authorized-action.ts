/**
 * The one authorized-action wrapper. Every server action goes through it: a server action is a
 * public POST endpoint, so hiding a button protects nothing. In order: session, role, zod
 * parsing, then the use case; errors become data (lib/errors.ts).
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { can, type Permission } from "@/lib/auth/roles";
import type { Actor } from "@/lib/auth/session";
import { AppError, type ActionResult, type FieldErrors } from "@/lib/errors";

export interface ActionDeps {
  getActor: () => Promise<Actor | null>;
  logError?: (ref: string, error: unknown) => void;
}

export function createActionClient(deps: ActionDeps) {
  return function authorizedAction<S extends z.ZodType, T>(
    options: { permission: Permission; schema: S },
    handler: (actor: Actor, input: z.output<S>) => Promise<T>,
  ): (input: z.input<S>) => Promise<ActionResult<T>> {
    return async (rawInput) => {
      const actor = await deps.getActor();
      if (!actor) {
        return { ok: false, error: { code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again." } };
      }
      if (!can(actor.role, options.permission)) {
        return { ok: false, error: { code: "FORBIDDEN", message: "Your role does not allow this action." } };
      }
      const parsed = options.schema.safeParse(rawInput);
      if (!parsed.success) {
        return {
          ok: false,
          error: { code: "INVALID_INPUT", message: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) },
        };
      }
      try {
        return { ok: true, data: await handler(actor, parsed.data) };
      } catch (error) {
        if (error instanceof AppError) {
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
        return {
          ok: false,
          error: { code: "INTERNAL", message: unexpectedErrorMessage(ref), ref },
        };
      }
    };
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
