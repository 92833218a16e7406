import { StatusPage } from "@/components/shell/status-page";

/** `forbidden()` anywhere in the app: a 403 in the shell, with the navigation this role has. */
export default function Forbidden() {
  return (
    <StatusPage code={403} title="Not available for your role">
      Ask an admin if you need access to this page.
    </StatusPage>
  );
}
