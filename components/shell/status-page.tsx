import Link from "next/link";
import type { ReactNode } from "react";

/** The body of a 403/404 page: what happened, and the ways back. */
export function StatusPage(props: { code: 403 | 404; title: string; children: ReactNode; lookup?: boolean }) {
  return (
    <section className="mx-auto max-w-lg py-12 text-center" aria-labelledby="status-title">
      {/* React 19 hoists this into <head>: a real title instead of the bare app name. */}
      <title>{`${props.title} · Order Desk`}</title>
      <p className="text-sm font-semibold text-brand-700">Error {props.code}</p>
      <h1 id="status-title" className="mt-1 text-2xl font-semibold text-slate-900">
        {props.title}
      </h1>
      <div className="mt-2 text-sm text-slate-700">{props.children}</div>
      <p className="mt-6 flex justify-center gap-4 text-sm font-medium">
        <Link href="/" className="text-brand-700 hover:underline">
          Back to the dashboard
        </Link>
        {props.lookup ? (
          <Link href="/lookup" className="text-brand-700 hover:underline">
            Look up an order, domain or email
          </Link>
        ) : null}
      </p>
    </section>
  );
}
