// A finished run's outcomes: the filters as a chart (where did the data go?) and every outcome, kept included, as a
// table with its share, so the chart's bars can be read as exact numbers.
import { REASONS, reasonLabel } from './format';
import { ReasonBarChart } from './reason-bar-chart';

export function ReasonCounts({ counts, entities }: { counts: Record<string, number>; entities: Record<string, number> }) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const sorted = Object.entries(counts)
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count);
  const filters = sorted.filter((r) => r.reason !== 'kept');
  const types = Object.entries(entities).sort((a, b) => b[1] - a[1]);
  return (
    <div className="grid gap-6">
      {filters.length ? (
        <ReasonBarChart counts={filters} />
      ) : (
        <p className="text-sm text-slate-600">Nothing was filtered: every event was kept.</p>
      )}
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <table className="w-full text-left text-sm" aria-label="Events per reason">
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-2 pr-3">Outcome</th>
              <th className="py-2 pr-3">Meaning</th>
              <th className="py-2 pr-3 text-right">Events</th>
              <th className="py-2 pr-3 text-right">Share</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map(({ reason, count }) => (
              <tr key={reason} className="border-b border-slate-100" data-reason={reason} data-count={count}>
                <td className="py-1.5 pr-3 font-medium">{reasonLabel(reason)}</td>
                <td className="py-1.5 pr-3 text-slate-600">{REASONS[reason] ?? '—'}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums" data-testid="reason-count">
                  {count.toLocaleString()}
                </td>
                <td className="py-1.5 pr-3 text-right tabular-nums text-slate-600">
                  {total ? `${((count / total) * 100).toFixed(1)}%` : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="w-full self-start text-left text-sm" aria-label="Redacted spans per type">
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-2 pr-3">Redacted type</th>
              <th className="py-2 pr-3 text-right">Spans</th>
            </tr>
          </thead>
          <tbody>
            {types.length ? (
              types.map(([type, n]) => (
                <tr key={type} className="border-b border-slate-100" data-entity-type={type}>
                  <td className="py-1.5 pr-3 font-mono text-xs">[{type}]</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{n.toLocaleString()}</td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={2} className="py-2 text-slate-500">
                  No personal data found.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
