import Link from "next/link";

export function Stat(props: { label: string; value: number; href?: string; testId: string; tone?: "amber" | "default" }) {
  const body = (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <p className="text-sm text-slate-600">{props.label}</p>
      <p data-testid={props.testId} className={`mt-1 text-3xl font-semibold ${props.tone === "amber" && props.value > 0 ? "text-amber-700" : "text-slate-900"}`}>
        {props.value}
      </p>
    </div>
  );
  return props.href ? <Link href={props.href} className="block hover:opacity-90">{body}</Link> : body;
}
