"use client";

import { useSyncExternalStore } from "react";
import { signOut } from "next-auth/react";

const noSubscription = () => () => {};

/**
 * Signs out at once once the page is interactive. Clicked before that (a slow connection, a quick
 * user), the form still goes somewhere: the sign-out page, which asks again, instead of a click that
 * does nothing. `data-hydrated` tells tests (and nothing else) that the direct path is ready.
 */
export function SignOutButton() {
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  return (
    <form
      action="/signout"
      method="get"
      onSubmit={(event) => {
        event.preventDefault();
        void signOut({ callbackUrl: "/signin" });
      }}
    >
      <button type="submit" data-hydrated={hydrated ? "true" : undefined} className="rounded-md px-2 py-1 text-sm text-slate-300 hover:bg-white/10 hover:text-white">
        Sign out
      </button>
    </form>
  );
}
