import Link from "next/link";
import { Field, inputClass } from "@/components/ui/field";
import { AUDIT_OUTCOMES, type ParsedAuditQuery } from "@/lib/audit/list-audit-query";

/** The audit log's filter: a GET form, so the whole filter lives in the URL. */
export function AuditFilters({ parsed, people, actions }: { parsed: ParsedAuditQuery; people: Array<{ id: string; name: string; email: string }>; actions: string[] }) {
  const { raw, errors } = parsed;
  const actionOptions = raw.action && !actions.includes(raw.action) ? [raw.action, ...actions] : actions;
  const personKnown = !raw.person || people.some((p) => p.id === raw.person);
  return (
    <form action="/settings/audit" method="get" role="search" aria-label="Filter the audit log" className="mb-4 flex flex-wrap items-start gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <Field id="audit-person" label="Person" error={errors.person}>
        <select id="audit-person" name="person" defaultValue={raw.person} className={inputClass}>
          <option value="">Anyone</option>
          {personKnown ? null : <option value={raw.person}>{raw.person} (unknown)</option>}
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.email})
            </option>
          ))}
        </select>
      </Field>
      <Field id="audit-action" label="Action" error={errors.action}>
        <select id="audit-action" name="action" defaultValue={raw.action} className={inputClass}>
          <option value="">Any action</option>
          {actionOptions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </Field>
      <Field id="audit-outcome" label="Outcome" error={errors.outcome}>
        <select id="audit-outcome" name="outcome" defaultValue={raw.outcome} className={inputClass}>
          <option value="">Any outcome</option>
          {/* A code the list does not name (or a wrong one) is shown as typed, as it is applied (or refused). */}
          {raw.outcome && !(AUDIT_OUTCOMES as readonly string[]).includes(raw.outcome) ? <option value={raw.outcome}>{raw.outcome}</option> : null}
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o === "OK" ? "OK (done)" : o}
            </option>
          ))}
        </select>
      </Field>
      <Field id="audit-from" label="From (UTC day)" error={errors.from}>
        <input id="audit-from" name="from" type="text" inputMode="numeric" placeholder="YYYY-MM-DD" defaultValue={raw.from} maxLength={10} className={`${inputClass} w-32`} />
      </Field>
      <Field id="audit-to" label="To (UTC day)" error={errors.to}>
        <input id="audit-to" name="to" type="text" inputMode="numeric" placeholder="YYYY-MM-DD" defaultValue={raw.to} maxLength={10} className={`${inputClass} w-32`} />
      </Field>
      <div className="flex gap-2 self-end">
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Apply
        </button>
        <Link href="/settings/audit" className="rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-800 hover:bg-slate-50">
          Clear
        </Link>
      </div>
    </form>
  );
}
