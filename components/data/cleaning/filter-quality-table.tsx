// Duplicate and junk scores per reason. A duplicate only counts as correct when it points at a copy of its own
// original, so precision here also says "the report's 'duplicate of' links can be trusted".
import { DUPLICATE_REASONS, pct, reasonLabel, type CleaningQuality } from './format';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

type Score = CleaningQuality['events']['duplicates'];

/** Junk filters as one line: the sum over every non-duplicate reason (each event has one expected reason). */
export function junkTotal(byReason: Record<string, Score>): Score {
  const t = { gold: 0, found: 0, correct: 0 };
  for (const [reason, s] of Object.entries(byReason)) {
    if (DUPLICATE_REASONS.includes(reason)) continue;
    t.gold += s.gold;
    t.found += s.found;
    t.correct += s.correct;
  }
  return { ...t, precision: t.found ? t.correct / t.found : null, recall: t.gold ? t.correct / t.gold : null };
}

export function FilterQualityTable({ events }: { events: CleaningQuality['events'] }) {
  const rows: [string, Score, boolean][] = [
    ['duplicates (exact + near)', events.duplicates, true],
    ...DUPLICATE_REASONS.map((r): [string, Score, boolean] => [reasonLabel(r), events.byReason[r as keyof typeof events.byReason], false]),
    ['junk (all filters)', junkTotal(events.byReason), true],
    ...Object.entries(events.byReason)
      .filter(([r]) => !DUPLICATE_REASONS.includes(r))
      .map(([r, s]): [string, Score, boolean] => [reasonLabel(r), s, false]),
  ];
  return (
    <Table aria-label="Duplicate and junk filter quality">
      <THead>
        <Th>Reason</Th>
        <Th className="text-right">Labelled</Th>
        <Th className="text-right">Flagged</Th>
        <Th className="text-right">Correct</Th>
        <Th className="text-right">Recall</Th>
        <Th className="text-right">Precision</Th>
      </THead>
      <tbody>
        {rows.map(([label, s, total]) => (
          <Tr
            key={label}
            className={`border-b border-slate-100 ${total ? 'font-semibold' : ''}`}
            data-filter={label}
            data-recall={s.recall ?? ''}
          >
            <Td className={`py-1.5 pr-3 ${total ? '' : 'pl-4 text-slate-700'}`}>{label}</Td>
            <Td className="py-1.5 text-right tabular-nums">{s.gold}</Td>
            <Td className="py-1.5 text-right tabular-nums">{s.found}</Td>
            <Td className="py-1.5 text-right tabular-nums">{s.correct}</Td>
            <Td className="py-1.5 text-right tabular-nums">{pct(s.recall)}</Td>
            <Td className="py-1.5 text-right tabular-nums">{pct(s.precision)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
