import Link from "next/link";
import type { CappedCount } from "@/lib/dashboard/get-dashboard";

/** A count; one that stopped at its cap reads "10,000+". */
export function Stat(props: { label: string; count: CappedCount; href?: string; testId: string; tone?: "amber" | "default" }) {
  const { value, capped } = props.count;
  const body = (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <p className="text-sm text-slate-600">{props.label}</p>
      <p data-testid={props.testId} className={`mt-1 text-3xl font-semibold ${props.tone === "amber" && value > 0 ? "text-amber-700" : "text-slate-900"}`}>
        {capped ? `${value.toLocaleString("en-US")}+` : value}
      </p>
    </div>
  );
  return props.href ? <Link href={props.href} className="block hover:opacity-90">{body}</Link> : body;
}
