import { FilterSelect } from "@/components/ui/table";
import { WorkspaceCustomerPicker } from "@/components/renewals/workspace-customer-picker";
import { EXPIRY_BUCKETS } from "@/lib/licenses/rules/status";
import { PRODUCTS } from "@/lib/catalog";
import type { WorkspaceQuery } from "@/lib/licenses/expiry-workspace/workspace";

const TIER_NAMES = ["Monitor", "Basic", "Pro", "Business"];
const PRODUCT_OPTIONS: Array<[string, string]> = PRODUCTS.filter((p) => p.family === "sitelock" && p.productId !== undefined).map((p) => [
  String(p.productId),
  p.name,
]);

/** A plain GET form: every filter lives in the URL; the sort travels along, paging starts over. */
export function WorkspaceFilters(props: {
  query: WorkspaceQuery;
  managers: Array<{ id: string; name: string }>;
  customer: { id: string; name: string; email: string } | null;
}) {
  const { query } = props;
  return (
    <form action="/renewals" method="get" role="search" aria-label="Filter the licenses" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <FilterSelect name="bucket" label="Expiry" value={query.bucket} options={[["any", "Any (expired 30 days to 90 ahead)"], ...EXPIRY_BUCKETS.map((b): [string, string] => [b.key, b.label])]} />
      {/* A customer id no customer has still filters (nothing matches): the picker says so rather than "Any". */}
      <WorkspaceCustomerPicker initial={props.customer ?? (query.customer ? { id: query.customer, name: "Unknown customer", email: query.customer } : null)} />
      <FilterSelect name="product" label="Product" value={query.product === undefined ? "" : String(query.product)} options={[["", "Any"], ...PRODUCT_OPTIONS, ...unknownProduct(query.product)]} />
      <FilterSelect name="tier" label="Tier" value={query.tier === undefined ? "" : String(query.tier)} options={[["", "Any"], ...TIER_NAMES.map((n, i): [string, string] => [String(i), n])]} />
      <FilterSelect name="autoRenew" label="Auto-renew" value={query.autoRenew} options={[["any", "Any"], ["on", "On"], ["off", "Off"]]} />
      <FilterSelect
        name="manager"
        label="Account manager"
        value={query.manager ?? ""}
        options={[["", "Any"], ["none", "No account manager"], ...props.managers.map((m): [string, string] => [m.id, m.name]), ...unknownManager(query.manager, props.managers)]}
      />
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
        Apply
      </button>
    </form>
  );
}

/** A manager id the list does not offer still filters (nothing matches): the select shows it rather than "Any". */
function unknownManager(manager: string | undefined, managers: Array<{ id: string }>): Array<[string, string]> {
  return manager && manager !== "none" && !managers.some((m) => m.id === manager) ? [[manager, `Unknown account manager (${manager})`]] : [];
}

/** A product ID the select does not offer (typed in the URL) still filters: the select shows it. */
function unknownProduct(product: number | undefined): Array<[string, string]> {
  return product !== undefined && !PRODUCT_OPTIONS.some(([id]) => id === String(product)) ? [[String(product), `Product ${product}`]] : [];
}
