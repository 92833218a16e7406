"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * After a client-side navigation to another page (a link, or the order form taking you to the
 * order it placed), the focus goes to the new page's heading: the element that had it is gone,
 * and the browser would drop it on the body, where a keyboard or screen reader user starts over.
 * The first page load is left alone (the browser starts at the top), and so is a change of the
 * query string only (filters, sorting, paging keep the focus where the user is).
 */
export function RouteFocus() {
  const pathname = usePathname();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const main = document.getElementById("main");
    const target = main?.querySelector<HTMLElement>("h1") ?? main;
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.classList.add("focus:outline-none");
    target.focus({ preventScroll: true });
  }, [pathname]);
  return null;
}
