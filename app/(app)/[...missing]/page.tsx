import { notFound } from "next/navigation";

/** Any address no route matches lands here, inside the app layout, so its 404 keeps the shell. */
export default function MissingPage(): never {
  notFound();
}
