import type { Metadata } from "next";
import Link from "next/link";
import { getActor } from "@/lib/auth/session";
import { AppShell } from "@/components/shell/app-shell";
import { NotFoundBody } from "@/components/shell/not-found-body";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Every 404: an address no route matches, and notFound() in any page. Next renders this one
 * (its /_not-found route) on the server; a nested not-found.tsx would be drawn by the browser
 * only (Next bug vercel/next.js#62228: the server sends an empty `__next_error__` document).
 * Signed in, the 404 sits in the app shell with the navigation; otherwise a plain page.
 */
export default async function NotFound() {
  const actor = await getActor();
  if (actor) {
    return (
      <AppShell actor={actor}>
        <NotFoundBody />
      </AppShell>
    );
  }
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-24 text-center">
      <p className="text-sm font-semibold text-brand-700">Error 404</p>
      <h1 className="mt-1 text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-700">There is no page at this address.</p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
        Back to Order Desk
      </Link>
    </main>
  );
}
