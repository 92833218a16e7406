import Link from "next/link";
import type { ReactNode } from "react";
import { inputClass } from "@/components/ui/field";
import { listHref } from "@/lib/pagination";

/** The parsed query of a list (page, sort, dir, q and its filters): links are built from it. */
export type ListQuery = { page: number; sort: string; dir: "asc" | "desc" } & Record<string, string | number | undefined>;

const thClass = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-700";

/** A column header that sorts on the server through the URL; the page goes back to 1. */
export function SortHeader(props: { base: string; query: ListQuery; column: string; label: string }) {
  const active = props.query.sort === props.column;
  const nextDir = active && props.query.dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" className={thClass} aria-sort={active ? (props.query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={listHref(props.base, props.query, { sort: props.column, dir: nextDir, page: 1 })} className="rounded-sm hover:text-slate-900">
        {props.label}
        {active ? <span aria-hidden="true"> {props.query.dir === "asc" ? "▲" : "▼"}</span> : null}
      </Link>
    </th>
  );
}

export function Th({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <th scope="col" className={`${thClass} ${className}`}>
      {children}
    </th>
  );
}

/**
 * A cell. In a stacked table (TableFrame `stack`), on a phone `label` is shown above the value
 * (the column's name: the header row is not above it any more), `span` widens the cell to 2
 * slots or the whole card, `phone="hide"` leaves out a column that is secondary there (its
 * header takes `className="max-sm:hidden"`) and `phone="corner"` puts a small cell (a row's
 * checkbox) in the card's top right corner.
 */
export function Td(props: { children: ReactNode; className?: string; label?: string; span?: 2 | "all"; phone?: "hide" | "corner" }) {
  const { children, className = "", label, span, phone } = props;
  return (
    <td className={`px-3 py-2 text-sm ${className}`} data-label={label} data-span={span} data-phone={phone}>
      {children}
    </td>
  );
}

/**
 * `stack`: on a phone each row is a card of cells side by side, wrapping (globals.css
 * `.table-stack`), instead of a table wider than the screen with rows a dozen lines tall.
 */
export function TableFrame({ head, children, empty, label, stack }: { head: ReactNode; children: ReactNode; empty?: ReactNode; label?: string; stack?: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className={`min-w-full divide-y divide-slate-200${stack ? " table-stack" : ""}`} aria-label={label}>
        <thead className="bg-slate-50">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
      {empty}
    </div>
  );
}

const pageLinkClass = "rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50";

/** Previous/next links keep the sort, direction, filters and search of the page shown. */
export function Pagination(props: { base: string; query: Record<string, string | number | undefined>; page: number; pageCount: number; total: number; totalCapped?: boolean; noun?: string }) {
  const noun = props.noun ?? "result";
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-slate-700">
      <span data-testid="table-total">
        {props.totalCapped
          ? `${props.total.toLocaleString("en")}+ ${noun}s · page ${props.page}`
          : `${props.total} ${noun}${props.total === 1 ? "" : "s"} · page ${props.page} of ${props.pageCount}`}
      </span>
      <span className="flex gap-2">
        {props.page > 1 ? (
          <Link className={pageLinkClass} rel="prev" href={listHref(props.base, props.query, { page: props.page - 1 })}>
            Previous
          </Link>
        ) : null}
        {props.page < props.pageCount ? (
          <Link className={pageLinkClass} rel="next" href={listHref(props.base, props.query, { page: props.page + 1 })}>
            Next
          </Link>
        ) : null}
      </span>
    </nav>
  );
}

/**
 * A plain GET form: filters live in the URL, so they survive reloads and can be shared. The
 * current sort travels as hidden fields; the page is left out, so a new filter starts at page 1.
 */
export function FilterBar({ action, query, children }: { action: string; query: ListQuery; children: ReactNode }) {
  return (
    <form action={action} method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
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
    <label className="w-full text-sm sm:w-auto">
      <span className="mb-1 block text-slate-700">Search</span>
      <input type="search" name="q" defaultValue={value} placeholder={placeholder} maxLength={200} className={`${inputClass} sm:w-72`} />
    </label>
  );
}

/** A select of a FilterBar; `options` are [value, label] pairs. */
export function FilterSelect(props: { name: string; label: string; value: string; options: Array<[string, string]> }) {
  return (
    <label className="text-sm">
      <span className="mb-1 block text-slate-700">{props.label}</span>
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
