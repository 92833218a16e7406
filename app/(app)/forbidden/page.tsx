import { forbidden } from "next/navigation";

/**
 * Where requireActor sends a role without the permission: answers 403 with the forbidden page
 * inside the shell (app/(app)/forbidden.tsx). A signed-out visitor is sent to sign in by the layout.
 */
export default function ForbiddenPage(): never {
  forbidden();
}
