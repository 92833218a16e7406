import Link from "next/link";
import type { ReactNode } from "react";
import { navigationFor } from "@/lib/auth/navigation";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { Actor } from "@/lib/auth/session";
import { NavLink } from "@/components/shell/nav-link";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { GlobalSearch } from "@/components/search/global-search";
import { RouteFocus } from "@/components/shell/route-focus";

export function AppShell({ actor, children }: { actor: Actor; children: ReactNode }) {
  const items = navigationFor(actor.role);
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-900 focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50"
      >
        Skip to content
      </a>
      <header className="bg-brand-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-base font-semibold text-white">
            Order Desk
          </Link>
          <div className="order-last w-full sm:order-none sm:w-auto">
            <GlobalSearch />
          </div>
          <nav aria-label="Main" className="order-last flex w-full flex-wrap gap-1">
            {items.map((item) => (
              <NavLink key={item.href} href={item.href} label={item.label} all={items.map((i) => i.href)} />
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-right">
            <div className="leading-tight">
              <p className="text-sm font-medium text-white">{actor.name}</p>
              <p className="text-xs text-slate-300" data-testid="current-role">
                {ROLE_LABELS[actor.role]}
              </p>
            </div>
            <SignOutButton />
          </div>
        </div>
      </header>
      <RouteFocus />
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-8 focus:outline-none">{children}</main>
    </div>
  );
}
