"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The nav item whose href is the longest prefix of the path: /orders/123 is Orders, /orders/new is New order. */
export function activeHref(pathname: string, hrefs: readonly string[]): string | undefined {
  const matches = hrefs.filter((h) => (h === "/" ? pathname === "/" : pathname === h || pathname.startsWith(`${h}/`)));
  return matches.sort((a, b) => b.length - a.length)[0];
}

export function NavLink({ href, label, all }: { href: string; label: string; all: readonly string[] }) {
  const pathname = usePathname();
  const active = activeHref(pathname, all) === href;
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-white/15 text-white" : "text-slate-300 hover:bg-white/10 hover:text-white"}`}
    >
      {label}
    </Link>
  );
}
