import { AppShell } from "@/components/shell/app-shell";
import { requireActor } from "@/lib/auth/session";

// Per-request: reads the session (and the environment), never prerendered at build time.
export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return <AppShell actor={actor}>{children}</AppShell>;
}
