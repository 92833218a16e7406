"use client";

import type { Path, useForm } from "react-hook-form";
import type { FieldSpec, OrderFormInput } from "@/lib/catalog";
import { Field, inputClass } from "@/components/ui/field";

/** One catalog field drawn by its input kind (lib/catalog/fields.ts), with its error beside it. */
export function FormField({
  spec,
  register,
  error,
  disabledReason,
}: {
  spec: FieldSpec & { required: boolean };
  register: ReturnType<typeof useForm<OrderFormInput>>["register"];
  error?: string;
  /** Why the field is locked by another choice (shown in place of its help); the field is disabled. */
  disabledReason?: string;
}) {
  const id = `f-${spec.key}`;
  const label = `${spec.label}${spec.required ? "" : " (optional)"}`;
  const name = spec.key as Path<OrderFormInput>;
  switch (spec.input) {
    case "checkbox":
      return (
        <div className="sm:col-span-2">
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input id={id} type="checkbox" className="mt-1" {...register(name)} disabled={Boolean(disabledReason)} aria-describedby={disabledReason ? `${id}-reason` : undefined} />
            <span>
              {spec.label}
              {spec.help && !disabledReason ? <span className="block text-xs text-slate-600">{spec.help}</span> : null}
            </span>
          </label>
          {/* Outside the label: the reason describes the locked box without becoming its name. */}
          {disabledReason ? (
            <p id={`${id}-reason`} className="ml-6 text-xs text-slate-600">
              {disabledReason}
            </p>
          ) : null}
          {error ? <p className="text-sm text-red-700">{error}</p> : null}
        </div>
      );
    case "checkboxes":
      return (
        <fieldset className="sm:col-span-2" aria-describedby={error ? `${id}-error` : undefined}>
          <legend className="text-sm font-medium text-slate-700">{label}</legend>
          {spec.help ? <p className="text-xs text-slate-600">{spec.help}</p> : null}
          {(spec.options ?? []).map((o) => (
            <label key={o.value} className="mt-1 flex items-center gap-2 text-sm">
              <input type="checkbox" value={o.value} {...register(name)} />
              {o.label}
            </label>
          ))}
          {error ? (
            <p id={`${id}-error`} className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
        </fieldset>
      );
    case "select":
      return (
        <Field id={id} label={label} error={error} hint={spec.help}>
          <select id={id} className={inputClass} {...register(name)}>
            <option value="">{spec.required ? "Choose…" : "—"}</option>
            {(spec.options ?? []).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      );
    case "textarea":
      return (
        <div className="sm:col-span-2">
          <Field id={id} label={label} error={error} hint={spec.help}>
            <textarea id={id} rows={6} spellCheck={false} className={`${inputClass} font-mono text-xs`} {...register(name)} />
          </Field>
        </div>
      );
    default:
      return (
        <Field id={id} label={label} error={error} hint={spec.help}>
          <input id={id} type={spec.input} autoComplete={spec.secret ? "new-password" : "off"} maxLength={spec.maxLength} className={inputClass} {...register(name)} />
        </Field>
      );
  }
}
