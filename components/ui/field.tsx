import { cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";

type Described = { "aria-describedby"?: string; "aria-invalid"?: boolean | "true" | "false" };

/** The id of the text that describes a field's control: its error if any, else its hint. */
export function fieldDescriptionId(id: string, state: { error?: string; hint?: string }): string | undefined {
  if (state.error) return `${id}-error`;
  if (state.hint) return `${id}-hint`;
  return undefined;
}

/**
 * A labelled form control with its error message right beside it. The control (the one child)
 * gets `aria-describedby` pointing at the error or hint, and `aria-invalid` while there is an
 * error, so screen readers read the message with the field; forms need not wire it themselves.
 */
export function Field(props: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  const describedBy = fieldDescriptionId(props.id, props);
  let control = props.children;
  if (isValidElement(control)) {
    const own = (control as ReactElement<Described>).props;
    control = cloneElement(control as ReactElement<Described>, {
      "aria-describedby": [...new Set([own["aria-describedby"], describedBy].filter(Boolean))].join(" ") || undefined,
      "aria-invalid": own["aria-invalid"] ?? (props.error ? true : undefined),
    });
  }
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className="block text-sm font-medium text-slate-700">
        {props.label}
      </label>
      {control}
      {props.error ? (
        <p id={`${props.id}-error`} className="text-sm text-red-700">
          {props.error}
        </p>
      ) : props.hint ? (
        <p id={`${props.id}-hint`} className="text-xs text-slate-600">
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** Inputs: a visible focus outline (never `outline: none`) and a placeholder dark enough to read. */
export const inputClass =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-brand-600 focus:outline-2 focus:outline-offset-1 focus:outline-brand-600 aria-[invalid=true]:border-red-600";
