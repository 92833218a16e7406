import { Badge, type Tone } from "@/components/ui/badge";

const TONES: Record<string, [Tone, string]> = {
  QUEUED: ["slate", "Queued"],
  RUNNING: ["blue", "Running"],
  DONE: ["green", "Done"],
  CANCELLED: ["slate", "Cancelled"],
  PENDING: ["slate", "Waiting"],
  PLACED: ["green", "Renewed"],
  REFUSED: ["amber", "Refused"],
  FAILED: ["red", "Failed"],
  UNKNOWN: ["amber", "Unknown (checking)"],
};

export function RunStatusBadge({ status }: { status: string }) {
  const [tone, label] = TONES[status] ?? ["slate", status];
  return <Badge tone={tone}>{label}</Badge>;
}
