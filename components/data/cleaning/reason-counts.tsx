// A finished run's outcomes: the filters as a chart (where did the data go?) and every outcome, kept included, as a
// table with its share, so the chart's bars can be read as exact numbers.
import { REASONS, reasonLabel } from './format';
import { ReasonBarChart } from './reason-bar-chart';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

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
        <Table aria-label="Events per reason">
          <THead>
            <Th>Outcome</Th>
            <Th>Meaning</Th>
            <Th className="text-right">Events</Th>
            <Th className="text-right">Share</Th>
          </THead>
          <tbody>
            {sorted.map(({ reason, count }) => (
              <Tr key={reason} data-reason={reason} data-count={count}>
                <Td className="py-1.5 font-medium">{reasonLabel(reason)}</Td>
                <Td className="py-1.5 text-slate-600">{REASONS[reason] ?? '—'}</Td>
                <Td className="py-1.5 text-right tabular-nums" data-testid="reason-count">
                  {count.toLocaleString()}
                </Td>
                <Td className="py-1.5 text-right tabular-nums text-slate-600">{total ? `${((count / total) * 100).toFixed(1)}%` : '—'}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
        <Table className="self-start" aria-label="Redacted spans per type">
          <THead>
            <Th>Redacted type</Th>
            <Th className="text-right">Spans</Th>
          </THead>
          <tbody>
            {types.length ? (
              types.map(([type, n]) => (
                <Tr key={type} data-entity-type={type}>
                  <Td className="py-1.5 font-mono text-xs">[{type}]</Td>
                  <Td className="py-1.5 text-right tabular-nums">{n.toLocaleString()}</Td>
                </Tr>
              ))
            ) : (
              <Tr>
                <Td colSpan={2} className="py-2 text-slate-500">
                  No personal data found.
                </Td>
              </Tr>
            )}
          </tbody>
        </Table>
      </div>
    </div>
  );
}
