"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLink({ href, label }: { href: string; label: string }) {
  const pathname = usePathname();
  // "/orders" is active on /orders/123 but not on /orders/new, which has its own item.
  const active = href === "/" ? pathname === "/" : pathname === href || (pathname.startsWith(`${href}/`) && pathname !== "/orders/new");
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
