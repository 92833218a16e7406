"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { isSearchShortcut } from "@/components/search/search-model";
import { SearchDialog } from "@/components/search/search-dialog";
import { SearchIcon } from "@/components/search/search-icon";

const noSubscription = () => () => {};
const appleKeyboard = () => /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The header's search button and the dialog it opens. Ctrl+K (⌘K on a Mac) anywhere, and "/"
 * outside a text field, open it too; closing gives the focus back to where it was.
 */
export function GlobalSearch() {
  const [open, setOpen] = useState(false);
  const returnFocus = useRef<HTMLElement | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  // The server renders "Ctrl K"; a Mac shows "⌘K" once hydrated.
  const apple = useSyncExternalStore(noSubscription, appleKeyboard, () => false);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || !isSearchShortcut(e)) return;
      e.preventDefault();
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setOpen(true);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  const close = () => {
    setOpen(false);
    const back = returnFocus.current?.isConnected ? returnFocus.current : trigger.current;
    back?.focus();
  };

  return (
    <>
      <button
        ref={trigger}
        type="button"
        data-testid="search-button"
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K /"
        onClick={() => {
          returnFocus.current = trigger.current;
          setOpen(true);
        }}
        className="flex w-full min-w-0 items-center gap-2 rounded-md bg-white/10 px-3 py-2 text-left text-sm text-slate-200 ring-1 ring-inset ring-white/20 hover:bg-white/15 hover:text-white sm:w-80 lg:w-96"
      >
        <SearchIcon className="size-4 shrink-0" />
        <span className="min-w-0 flex-1 truncate">Search orders, domains, emails…</span>
        <kbd className="shrink-0 rounded border border-white/30 px-1.5 font-sans text-xs text-slate-200">{apple ? "⌘K" : "Ctrl K"}</kbd>
      </button>
      {open ? <SearchDialog onClose={close} /> : null}
    </>
  );
}
