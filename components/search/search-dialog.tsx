"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { allResultsHref, enterTarget, flatOptions, MATCHED_ON_LABEL, moveActive, toGroups, type SearchOption } from "@/components/search/search-model";
import { SearchIcon } from "@/components/search/search-icon";
import { useLookup } from "@/components/search/use-lookup";

/**
 * A modal dialog (the page behind is inert, so focus stays inside) holding a combobox: the input
 * owns the focus, aria-activedescendant points at the option the arrow keys chose (WAI-ARIA APG
 * combobox with a grouped listbox). Esc, the Esc button and a click beside it close it; the
 * caller returns the focus.
 */
export function SearchDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const ids = useId();
  const listboxId = `${ids}-listbox`;
  const [text, setText] = useState("");
  const [active, setActive] = useState(-1);
  const { state, search } = useLookup();

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    return () => el?.close();
  }, []);

  const answered = state.status === "answered" && state.text === text ? state : null;
  const groups = toGroups(answered?.result ?? null);
  const options = flatOptions(groups);
  // The exact match is the first option and chosen from the start: Enter goes to it.
  const activeIndex = active === -1 && answered?.result?.exact ? 0 : active;
  const activeOption: SearchOption | null = options[activeIndex] ?? null;

  // Every way out closes the native dialog first; its close event then calls onClose. Called while
  // the dialog was still modal, onClose's focus() on the opener failed (the page behind is inert)
  // and the focus fell to the body once the dialog was removed.
  const dismiss = () => dialog.current?.close();

  const go = (href: string) => {
    onClose();
    router.push(href);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = moveActive(activeIndex, options.length, e.key);
      setActive(next);
      const option = options[next];
      if (option) document.getElementById(option.id)?.scrollIntoView({ block: "nearest" });
    } else if (e.key === "Enter") {
      e.preventDefault();
      const href = enterTarget(text, answered ? { text: answered.text, result: answered.result } : null, activeOption);
      if (href) go(href);
    }
  };

  const trimmed = text.trim();
  let status: string;
  if (!trimmed) status = "Type an order number, our reference (OD-…), a domain or part of one, an email or a customer name.";
  else if (state.status === "failed" && state.text === text) status = state.message;
  else if (!answered) status = "Searching… Enter opens all results.";
  else if (options.length === 0) status = `Nothing matches “${trimmed}”. Check the spelling, or try a whole domain or an email.`;
  else if (answered.result?.exact) status = "Exact match: Enter opens it.";
  else status = `${options.length} ${options.length === 1 ? "result" : "results"}. Arrow keys choose, Enter opens.`;

  return (
    <dialog
      ref={dialog}
      aria-label="Search"
      data-testid="search-dialog"
      onClose={onClose}
      onClick={(e) => {
        if (e.target === e.currentTarget) dismiss();
      }}
      className="mx-auto mt-[8vh] mb-auto w-[calc(100%-1rem)] max-w-2xl overflow-hidden rounded-xl bg-white p-0 text-slate-900 shadow-2xl ring-1 ring-slate-900/10 backdrop:bg-slate-900/60"
    >
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-3 sm:px-4">
        <SearchIcon className="size-5 shrink-0 text-slate-500" />
        <label htmlFor={`${ids}-input`} className="sr-only">
          Search orders, domains, emails and customers
        </label>
        <input
          id={`${ids}-input`}
          role="combobox"
          aria-expanded={options.length > 0}
          aria-controls={listboxId}
          aria-autocomplete="list"
          aria-activedescendant={activeOption?.id}
          aria-describedby={`${ids}-status`}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="go"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(-1);
            search(e.target.value);
          }}
          onKeyDown={onKeyDown}
          placeholder="Order number, domain, email or name"
          className="min-w-0 flex-1 rounded-md bg-transparent px-2 py-2 text-base text-slate-900 placeholder:text-slate-500"
        />
        <button type="button" onClick={dismiss} className="shrink-0 rounded-md px-2 py-1 text-xs font-medium text-slate-600 ring-1 ring-slate-300 hover:bg-slate-100">
          Esc<span className="sr-only"> (close)</span>
        </button>
      </div>
      <p id={`${ids}-status`} role="status" className="px-4 pt-3 pb-2 text-sm text-slate-700">
        {status}
      </p>
      <div id={listboxId} role="listbox" aria-label="Results" className="max-h-[min(60vh,32rem)] overflow-y-auto px-2 pb-2">
        {groups.map((group) => (
          <ul key={group.kind} role="group" aria-labelledby={`${ids}-group-${group.kind}`} className="py-1">
            <li role="presentation" id={`${ids}-group-${group.kind}`} className="px-2 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">
              {group.label}
              {group.more ? <span className="font-normal normal-case"> · more on the Lookup page</span> : null}
            </li>
            {group.options.map((option) => {
              const selected = option === activeOption;
              return (
                <li
                  key={option.id}
                  id={option.id}
                  role="option"
                  aria-selected={selected}
                  data-href={option.hit.href}
                  onClick={() => go(option.hit.href)}
                  onMouseMove={() => {
                    if (!selected) setActive(options.indexOf(option));
                  }}
                  className={`flex cursor-pointer items-start gap-3 rounded-lg px-3 py-2 ${selected ? "bg-brand-50 ring-2 ring-brand-600" : ""}`}
                >
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium text-slate-900">{option.hit.title}</span>
                    <span className="block truncate text-sm text-slate-600">{option.hit.subtitle}</span>
                  </span>
                  <span className="flex shrink-0 flex-col items-end gap-1">
                    <span className="rounded-md bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200 ring-inset">{MATCHED_ON_LABEL[option.hit.matchedOn]}</span>
                    {option.exact ? <span className="text-xs font-medium text-brand-700">Enter opens it</span> : null}
                  </span>
                </li>
              );
            })}
          </ul>
        ))}
      </div>
      {trimmed ? (
        <p className="border-t border-slate-200 px-4 py-3 text-sm">
          <Link href={allResultsHref(text)} onClick={onClose} className="font-medium text-brand-700 hover:underline">
            See all results for “{trimmed}”
          </Link>
        </p>
      ) : null}
    </dialog>
  );
}
