// PII scores per type. F2 is shown because it weighs recall over precision: a missed card number costs more than a
// redacted order number, and the column makes that trade-off visible rather than hiding it in one "accuracy".
import type { CleaningQuality } from './format';
import { pct } from './format';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

export function PiiQualityTable({ pii }: { pii: CleaningQuality['pii'] }) {
  const rows = [...Object.entries(pii.byType), ['All types', pii.overall] as const];
  return (
    <Table aria-label="PII detection quality">
      <THead>
        <Th>Type</Th>
        <Th className="text-right">Labelled spans</Th>
        <Th className="text-right">Found</Th>
        <Th className="text-right">Recall</Th>
        <Th className="text-right">Precision</Th>
        <Th className="text-right">F2</Th>
      </THead>
      <tbody>
        {rows.map(([type, s]) => (
          <Tr
            key={type}
            className={`border-b border-slate-100 ${type === 'All types' ? 'font-semibold' : ''}`}
            data-pii-type={type}
            data-recall={s.recall ?? ''}
          >
            <Td className="py-1.5 font-mono text-xs">{type}</Td>
            <Td className="py-1.5 text-right tabular-nums">{s.gold.toLocaleString()}</Td>
            <Td className="py-1.5 text-right tabular-nums">{s.found.toLocaleString()}</Td>
            <Td className="py-1.5 text-right tabular-nums" data-testid="recall">
              {pct(s.recall)}
            </Td>
            <Td className="py-1.5 text-right tabular-nums">{pct(s.precision)}</Td>
            <Td className="py-1.5 text-right tabular-nums">{pct(s.f2)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
