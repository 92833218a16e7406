import { StatusPage } from "@/components/shell/status-page";

/** Unknown pages and ids inside the app: a 404 in the shell, with the navigation still there. */
export default function NotFound() {
  return (
    <StatusPage code={404} title="Page not found" lookup>
      There is no page at this address. If you followed a link to an order or a license, look it up by its number,
      domain or customer email.
    </StatusPage>
  );
}
