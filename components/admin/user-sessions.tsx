"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { endUserSessionsAction } from "@/app/(app)/settings/users/actions";
import { Button } from "@/components/ui/button";
import { TableFrame, Td, Th } from "@/components/ui/table";

interface SessionRow {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  clientAddress: string;
  userAgent: string;
}

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const show = (iso: string) => `${when.format(new Date(iso))} UTC`;

export function UserSessions(props: { userId: string; isSelf: boolean; currentSessionId?: string; sessions: SessionRow[] }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();

  const end = (sessionId?: string) =>
    startTransition(async () => {
      setError(null);
      const result = await endUserSessionsAction({ userId: props.userId, sessionId });
      if (!result.ok) setError(result.error.message);
      router.refresh();
    });

  if (props.sessions.length === 0) return <p className="text-sm text-slate-600">No active sessions: this user is signed out everywhere.</p>;
  return (
    <div className="space-y-3">
      {error ? <p className="text-sm text-red-700" role="status">{error}</p> : null}
      <TableFrame head={<><Th>Signed in</Th><Th>Last seen</Th><Th>From</Th><Th>Browser</Th><Th>End</Th></>}>
        {props.sessions.map((s) => (
          <tr key={s.id} data-testid="session-row">
            <Td>{show(s.createdAt)}</Td>
            <Td>{show(s.lastSeenAt)}</Td>
            <Td>{s.clientAddress}</Td>
            <Td className="max-w-xs truncate" >
              <span title={s.userAgent}>{s.userAgent || "—"}</span>
            </Td>
            <Td>
              {s.id === props.currentSessionId ? (
                <span className="text-xs text-slate-600">This browser</span>
              ) : (
                <Button variant="danger" disabled={pending} onClick={() => end(s.id)}>
                  End session
                </Button>
              )}
            </Td>
          </tr>
        ))}
      </TableFrame>
      {props.isSelf ? null : (
        <Button variant="danger" disabled={pending} onClick={() => end()}>
          End all sessions
        </Button>
      )}
    </div>
  );
}
