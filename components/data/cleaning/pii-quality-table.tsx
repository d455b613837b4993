// PII scores per type. F2 is shown because it weighs recall over precision: a missed card number costs more than a
// redacted order number, and the column makes that trade-off visible rather than hiding it in one "accuracy".
import type { CleaningQuality } from './format';
import { pct } from './format';

export function PiiQualityTable({ pii }: { pii: CleaningQuality['pii'] }) {
  const rows = [...Object.entries(pii.byType), ['All types', pii.overall] as const];
  return (
    <table className="w-full text-left text-sm" aria-label="PII detection quality">
      <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-2 pr-3">Type</th>
          <th className="py-2 pr-3 text-right">Labelled spans</th>
          <th className="py-2 pr-3 text-right">Found</th>
          <th className="py-2 pr-3 text-right">Recall</th>
          <th className="py-2 pr-3 text-right">Precision</th>
          <th className="py-2 pr-3 text-right">F2</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([type, s]) => (
          <tr
            key={type}
            className={`border-b border-slate-100 ${type === 'All types' ? 'font-semibold' : ''}`}
            data-pii-type={type}
            data-recall={s.recall ?? ''}
          >
            <td className="py-1.5 pr-3 font-mono text-xs">{type}</td>
            <td className="py-1.5 pr-3 text-right tabular-nums">{s.gold.toLocaleString()}</td>
            <td className="py-1.5 pr-3 text-right tabular-nums">{s.found.toLocaleString()}</td>
            <td className="py-1.5 pr-3 text-right tabular-nums" data-testid="recall">
              {pct(s.recall)}
            </td>
            <td className="py-1.5 pr-3 text-right tabular-nums">{pct(s.precision)}</td>
            <td className="py-1.5 pr-3 text-right tabular-nums">{pct(s.f2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
