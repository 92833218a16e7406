import { inputClass } from "@/components/ui/field";

/** A GET form: the family and search live in the URL, so a reload or a shared link keeps them. */
export function PriceFilters(props: { families: { key: string; name: string }[]; family: string; q: string }) {
  return (
    <form action="/settings/prices" method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <label className="text-sm">
        <span className="mb-1 block text-slate-700">Family</span>
        <select name="family" defaultValue={props.family} className={inputClass}>
          <option value="">All families</option>
          {props.families.map((f) => (
            <option key={f.key} value={f.key}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      <label className="w-full text-sm sm:w-auto">
        <span className="mb-1 block text-slate-700">Search</span>
        <input type="search" name="q" defaultValue={props.q} placeholder="Product name" maxLength={100} className={`${inputClass} sm:w-72`} />
      </label>
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Apply
      </button>
    </form>
  );
}
