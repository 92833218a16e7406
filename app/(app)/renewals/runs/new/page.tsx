import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { appClock } from "@/lib/clock/app-clock";
import { prisma } from "@/lib/db";
import type { SearchParams } from "@/lib/pagination";
import { previewRenewalRun } from "@/lib/licenses/bulk-renewal/preview-renewal-run";
import { eligibility } from "@/lib/licenses/bulk-renewal/renewal-deps";
import { parseRunSelection } from "@/lib/licenses/bulk-renewal/run-selection";
import { PageHeader } from "@/components/ui/card";
import { RunPreview } from "@/components/renewals/run-preview";

export const metadata: Metadata = { title: "New renewal run" };
export const dynamic = "force-dynamic";

export default async function NewRenewalRunPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("manageRenewals");
  const parsed = parseRunSelection(await searchParams);
  const preview = parsed.ok ? await previewRenewalRun(actor, parsed.selection, { db: prisma, eligibility, now: await appClock() }) : parsed;
  return (
    <>
      <PageHeader title="New renewal run" description="Check which licenses will be renewed and what it costs, then start the run. It goes on in the background if you close this page." />
      {!parsed.ok || !preview.ok ? (
        <div className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900" data-testid="run-preview-problem">
          <p>{preview.ok ? "" : preview.message}</p>
          <p className="mt-2">
            <Link className="underline" href="/renewals">
              Back to the renewals workspace
            </Link>
          </p>
        </div>
      ) : (
        <RunPreview preview={preview} selection={parsed.selection} />
      )}
    </>
  );
}
