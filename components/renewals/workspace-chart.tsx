import type { ChartWeek } from "@/lib/licenses/expiry-workspace/workspace";
import { formatDate } from "@/components/ui/format";
import { moneyText } from "@/components/renewals/workspace-buckets";

const W = 720;
const H = 220;
const PAD = { top: 24, bottom: 40, left: 8, right: 8 };

/**
 * Expiries per week for the next 13 weeks, as plain SVG (server-rendered, no client JavaScript):
 * every bar carries its number as text and a hatch pattern, so nothing depends on colour, and the
 * same figures are in a table just below for screen readers and copying.
 */
export function WorkspaceChart({ weeks }: { weeks: ChartWeek[] }) {
  const max = Math.max(1, ...weeks.map((w) => w.count));
  const slot = (W - PAD.left - PAD.right) / weeks.length;
  const barWidth = slot * 0.7;
  const plotHeight = H - PAD.top - PAD.bottom;
  const total = weeks.reduce((s, w) => s + w.count, 0);
  return (
    <figure className="mb-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-2 text-sm font-semibold text-slate-800">Expiries per week, next 13 weeks ({total.toLocaleString("en-US")} licenses)</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="hidden h-auto w-full sm:block" role="img" aria-labelledby="expiry-chart-title" data-testid="expiry-chart">
        <title id="expiry-chart-title">
          {`Expiries per week: ${weeks.map((w) => `week of ${formatDate(w.from)}: ${w.count}`).join("; ")}`}
        </title>
        <Hatch id="expiry-hatch" />
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="stroke-slate-400" />
        {weeks.map((w, i) => {
          const h = (w.count / max) * plotHeight;
          const x = PAD.left + i * slot + (slot - barWidth) / 2;
          const y = H - PAD.bottom - h;
          return (
            <g key={w.week}>
              <rect x={x} y={y} width={barWidth} height={h} fill="url(#expiry-hatch)" className="stroke-brand-700" />
              <text x={x + barWidth / 2} y={y - 6} textAnchor="middle" className="fill-slate-900 text-[11px]">
                {w.count}
              </text>
              <text x={x + barWidth / 2} y={H - PAD.bottom + 16} textAnchor="middle" className="fill-slate-700 text-[10px]">
                {formatDate(w.from).slice(0, 6)}
              </text>
            </g>
          );
        })}
        <text x={PAD.left} y={H - 6} className="fill-slate-600 text-[10px]">
          Week starting (UTC)
        </text>
      </svg>
      <PhoneChart weeks={weeks} max={max} />
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-700">The same figures as a table</summary>
        <table className="mt-2 min-w-full text-left" aria-label="Expiries per week">
          <thead>
            <tr>
              <th scope="col" className="px-2 py-1">Week</th>
              <th scope="col" className="px-2 py-1">Expiries</th>
              <th scope="col" className="px-2 py-1">Sell value</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.week}>
                <td className="px-2 py-1">
                  {formatDate(w.from)} – {formatDate(w.to)}
                </td>
                <td className="px-2 py-1">{w.count}</td>
                <td className="px-2 py-1">{moneyText(w.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

const PHONE = { W: 340, row: 24, label: 64, countRoom: 40, top: 4, bottom: 22 };

/**
 * On a phone the wide chart would shrink its 10 px labels to 5 px: weeks are rows instead, each
 * with its date and count at a size that stays readable (about 1:1 at 390 px).
 */
function PhoneChart({ weeks, max }: { weeks: ChartWeek[]; max: number }) {
  const height = PHONE.top + weeks.length * PHONE.row + PHONE.bottom;
  const barRoom = PHONE.W - PHONE.label - PHONE.countRoom;
  return (
    <svg viewBox={`0 0 ${PHONE.W} ${height}`} className="h-auto w-full sm:hidden" role="img" aria-labelledby="expiry-chart-phone-title" data-testid="expiry-chart-phone">
      <Hatch id="expiry-hatch-phone" />
      <title id="expiry-chart-phone-title">
        {`Expiries per week: ${weeks.map((w) => `week of ${formatDate(w.from)}: ${w.count}`).join("; ")}`}
      </title>
      {weeks.map((w, i) => {
        const y = PHONE.top + i * PHONE.row;
        const width = Math.max(w.count > 0 ? 2 : 0, (w.count / max) * barRoom);
        return (
          <g key={w.week}>
            <text x={PHONE.label - 8} y={y + PHONE.row / 2 + 4} textAnchor="end" className="fill-slate-700 text-[12px]">
              {formatDate(w.from).slice(0, 6)}
            </text>
            <rect x={PHONE.label} y={y + 4} width={width} height={PHONE.row - 8} fill="url(#expiry-hatch-phone)" className="stroke-brand-700" />
            <text x={PHONE.label + width + 6} y={y + PHONE.row / 2 + 4} className="fill-slate-900 text-[12px]">
              {w.count}
            </text>
          </g>
        );
      })}
      <text x={0} y={height - 6} className="fill-slate-600 text-[11px]">
        Week starting (UTC)
      </text>
    </svg>
  );
}

/** The bars' fill: a hatch, so a bar does not depend on colour. One per chart (a pattern in a hidden SVG paints nothing). */
function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" className="fill-brand-100" />
        <line x1="0" y1="0" x2="0" y2="6" className="stroke-brand-700" strokeWidth="2" />
      </pattern>
    </defs>
  );
}
