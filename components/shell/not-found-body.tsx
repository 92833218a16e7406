import { StatusPage } from "@/components/shell/status-page";

/** The 404 inside the app shell: what happened and the ways back (the lookup finds what a link named). */
export function NotFoundBody() {
  return (
    <StatusPage code={404} title="Page not found" lookup>
      There is no page at this address. If you followed a link to an order or a license, look it up by its number,
      domain or customer email.
    </StatusPage>
  );
}
