import Link from "next/link";
import type { ReactNode } from "react";
import { inputClass } from "@/components/ui/field";

type Params = Record<string, string | undefined>;

function hrefWith(base: string, params: Params, changes: Params): string {
  const merged = { ...params, ...changes };
  const qs = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => !!e[1]));
  const s = qs.toString();
  return s ? `${base}?${s}` : base;
}

/** A column header that sorts on the server through the URL. */
export function SortHeader(props: { base: string; params: Params; column: string; label: string; sort: string; dir: "asc" | "desc" }) {
  const active = props.sort === props.column;
  const nextDir = active && props.dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600" aria-sort={active ? (props.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={hrefWith(props.base, props.params, { sort: props.column, dir: nextDir, page: undefined })} className="hover:text-slate-900">
        {props.label} {active ? (props.dir === "asc" ? "▲" : "▼") : ""}
      </Link>
    </th>
  );
}

export function Th({ children }: { children: ReactNode }) {
  return <th scope="col" className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">{children}</th>;
}

export function Td({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <td className={`px-3 py-2 text-sm ${className}`}>{children}</td>;
}

export function TableFrame({ head, children, empty }: { head: ReactNode; children: ReactNode; empty?: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200">
        <thead className="bg-slate-50">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
      {empty}
    </div>
  );
}

export function Pagination(props: { base: string; params: Params; page: number; pageCount: number; total: number }) {
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-slate-600">
      <span data-testid="table-total">
        {props.total} result{props.total === 1 ? "" : "s"} · page {props.page} of {props.pageCount}
      </span>
      <span className="flex gap-2">
        {props.page > 1 ? (
          <Link className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50" href={hrefWith(props.base, props.params, { page: String(props.page - 1) })}>
            Previous
          </Link>
        ) : null}
        {props.page < props.pageCount ? (
          <Link className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50" href={hrefWith(props.base, props.params, { page: String(props.page + 1) })}>
            Next
          </Link>
        ) : null}
      </span>
    </nav>
  );
}

/** A plain GET form: filters live in the URL, so they survive reloads and can be shared. */
export function FilterBar({ action, children }: { action: string; children: ReactNode }) {
  return (
    <form action={action} method="get" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      {children}
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Apply
      </button>
    </form>
  );
}

/** The free-text box of a FilterBar (URL parameter `q`). */
export function FilterSearch({ value, placeholder }: { value: string; placeholder: string }) {
  return (
    <label className="text-sm">
      <span className="mb-1 block text-slate-600">Search</span>
      <input name="q" defaultValue={value} placeholder={placeholder} className={`${inputClass} w-72`} />
    </label>
  );
}

/** A select of a FilterBar; `options` are [value, label] pairs. */
export function FilterSelect(props: { name: string; label: string; value: string; options: Array<[string, string]> }) {
  return (
    <label className="text-sm">
      <span className="mb-1 block text-slate-600">{props.label}</span>
      <select name={props.name} defaultValue={props.value} className={inputClass}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
