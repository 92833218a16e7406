import type { Metadata } from "next";
import { SignOutButton } from "@/components/shell/sign-out-button";

export const metadata: Metadata = { title: "Sign out" };

/** next-auth sends GET /api/auth/signout here; the header's button signs out directly. */
export default function SignOutPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
        <h1 className="text-xl font-semibold">Sign out of Order Desk?</h1>
        <p className="mt-1 text-sm text-slate-600">You will need your email and password to come back.</p>
        <div className="mt-4 rounded-md bg-brand-900 py-1">
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
