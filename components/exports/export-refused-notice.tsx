import { EXPORT_REFUSED_MESSAGES, type ExportRefusalReason } from "@/lib/exports/export-messages";

/** Why the Export link brought the browser back here instead of downloading (issue 16, item 9). */
export function ExportRefusedNotice({ reason }: { reason: ExportRefusalReason | null }) {
  if (!reason) return null;
  return (
    <p role="status" data-testid="export-refused" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      {EXPORT_REFUSED_MESSAGES[reason]}
    </p>
  );
}
