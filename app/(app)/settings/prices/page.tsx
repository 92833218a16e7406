import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { listPlanPrices } from "@/lib/settings/list-plan-prices";
import { planPriceFilterSchema } from "@/lib/settings/plan-price-schemas";
import { PageHeader } from "@/components/ui/card";
import { Pagination } from "@/components/ui/table";
import { PriceTable } from "@/components/settings/price-table";
import { PriceFilters } from "@/components/settings/price-filters";

export const metadata: Metadata = { title: "Plan prices" };
export const dynamic = "force-dynamic";

export default async function PlanPricesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("manageSettings");
  const filter = planPriceFilterSchema.parse(await searchParams);
  const { families, groups, losses, page, pageCount, total } = await listPlanPrices(actor, filter);
  const query = { family: filter.family, q: filter.q };
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings" className="text-brand-700 hover:underline">
          ← Settings
        </Link>
      </p>
      <PageHeader
        title="Plan prices"
        description="What each plan costs you (buy) and your customer (sell). Disabled plans are not offered in the order form; a plan with no price is offered with “price not set”."
      />
      {losses.length > 0 ? (
        <div role="status" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="price-losses">
          <p className="font-medium">
            {losses.length} plan{losses.length === 1 ? " sells" : "s sell"} below the buy price:
          </p>
          <ul className="mt-1 list-disc pl-5">
            {losses.map((l) => (
              <li key={`${l.productKey}|${l.term}`}>
                {l.productName}, {l.term}: a loss of {l.loss} {l.currency} per order
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <PriceFilters families={families} family={filter.family ?? ""} q={filter.q ?? ""} />
      {groups.length === 0 ? <p className="text-sm text-slate-600">No plan matches these filters.</p> : null}
      {groups.map((g) => (
        <PriceTable key={g.family.key} familyKey={g.family.key} title={g.family.name} continued={g.continued} continues={g.continues} plans={g.plans} />
      ))}
      {total > 0 ? <Pagination base="/settings/prices" query={query} page={page} pageCount={pageCount} total={total} noun="plan" /> : null}
    </>
  );
}
