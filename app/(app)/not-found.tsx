import { NotFoundBody } from "@/components/shell/not-found-body";

/** notFound() in a page of the app: the 404 inside the shell, with the navigation still there. */
export default function NotFound() {
  return <NotFoundBody />;
}
