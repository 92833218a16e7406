import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ActionError } from "@/lib/errors";

/** Puts the server's field errors next to their fields; the typed values stay as they were. */
export function applyActionErrors<T extends FieldValues>(setError: UseFormSetError<T>, error: ActionError): void {
  for (const [field, messages] of Object.entries(error.fieldErrors ?? {})) {
    if (field !== "_form" && messages[0]) setError(field as Path<T>, { type: "server", message: messages[0] });
  }
}
