import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

/** A dashboard card: a short list with a link to the whole list, or a sentence when it is empty. */
export function SummaryCard(props: { title: string; href: string; empty: string; testId: string; items: ReactNode[] }) {
  return (
    <Card title={props.title} action={<Link className="text-sm text-brand-700 hover:underline" href={props.href}>All</Link>}>
      {props.items.length === 0 ? (
        <p className="text-sm text-slate-600">{props.empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid={props.testId}>
          {props.items}
        </ul>
      )}
    </Card>
  );
}
