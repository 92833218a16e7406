import type { ReactNode } from "react";

export function Card(props: { title?: string; action?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white shadow-sm ${props.className ?? ""}`}>
      {props.title ? (
        <header className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
          <h2 className="text-sm font-semibold text-slate-800">{props.title}</h2>
          {props.action}
        </header>
      ) : null}
      <div className="p-4">{props.children}</div>
    </section>
  );
}

export function PageHeader(props: { title: string; description?: string; action?: ReactNode }) {
  return (
    <div className="mb-6 flex items-start justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{props.title}</h1>
        {props.description ? <p className="mt-1 text-sm text-slate-600">{props.description}</p> : null}
      </div>
      {props.action}
    </div>
  );
}
