import type { ChartWeek } from "@/lib/licenses/expiry-workspace";
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
      <figcaption className="mb-2 text-sm font-semibold text-slate-800">Expiries per week, next 13 weeks ({total.toLocaleString("en-US")} licences)</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby="expiry-chart-title" data-testid="expiry-chart">
        <title id="expiry-chart-title">
          {`Expiries per week: ${weeks.map((w) => `week of ${formatDate(w.from)}: ${w.count}`).join("; ")}`}
        </title>
        <defs>
          <pattern id="expiry-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="fill-brand-100" />
            <line x1="0" y1="0" x2="0" y2="6" className="stroke-brand-700" strokeWidth="2" />
          </pattern>
        </defs>
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
