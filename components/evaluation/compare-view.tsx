'use client';
// Two runs side by side: what B fixed and broke relative to A, the score deltas, and which gate reasons changed.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { FilterPills } from '@/components/ui/filter-pills';
import { ErrorLine } from '@/components/ui/list-state';
import { Pagination } from '@/components/ui/pagination';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { verdictLabel, verdictTone } from './format';

const FILTERS = [
  ['all', 'All'],
  ['fixed', 'Fixed'],
  ['broken', 'Broken'],
  ['unchanged', 'Unchanged'],
] as const;
const CHANGE_TONE = { fixed: 'success', broken: 'danger', unchanged: 'neutral', only_a: 'warning', only_b: 'warning' } as const;
const PAGE_SIZE = 25;

const signed = (x: number | null, scale = 1, unit = '') => (x === null ? '—' : `${x > 0 ? '+' : ''}${(x * scale).toFixed(1)}${unit}`);

export function CompareView({ projectId, a, b }: { projectId: string; a: string; b: string }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState(0);
  const [page, setPage] = useState(1);
  const got = useQuery(
    trpc.evaluation.reports.compare.queryOptions({ projectId, a, b, change: FILTERS[filter]![0], page, pageSize: PAGE_SIZE }),
  );
  if (got.error) return <ErrorLine message={got.error.message} />;
  if (!got.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const d = got.data;
  const runLink = (id: string) => (
    <Link className="font-mono text-indigo-700 hover:underline" href={`/p/${projectId}/evaluation/runs/${id}`}>
      {id}
    </Link>
  );
  return (
    <div className="grid gap-6" data-testid="compare-view">
      <Card title="Runs">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">A</dt>
          <dd>
            {runLink(d.a.id)} · {d.a.subjectLabel || d.a.subject} · {d.a.tasksetId}{' '}
            <Badge tone={verdictTone(d.a.verdict)}>{verdictLabel(d.a.verdict)}</Badge>
          </dd>
          <dt className="text-slate-500">B</dt>
          <dd>
            {runLink(d.b.id)} · {d.b.subjectLabel || d.b.subject} · {d.b.tasksetId}{' '}
            <Badge tone={verdictTone(d.b.verdict)}>{verdictLabel(d.b.verdict)}</Badge>
          </dd>
        </dl>
      </Card>
      <div className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6" data-testid="compare-counts">
        {(
          [
            ['Fixed', d.counts.fixed],
            ['Broken', d.counts.broken],
            ['Unchanged', d.counts.unchanged],
            ['Accuracy Δ', signed(d.deltas.accuracy, 100, ' pts')],
            ['Quality Δ', signed(d.deltas.quality)],
            ['p95 Δ', signed(d.deltas.p95LatencyMs, 1, ' ms')],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <div className="text-xs uppercase tracking-wide text-slate-500">{label}</div>
            <div className="text-xl font-semibold" data-testid={`compare-${label.toLowerCase().replace(/\W+/g, '-')}`}>
              {value}
            </div>
          </div>
        ))}
      </div>
      <Card title="Gate changes">
        {!d.gate.resolved.length && !d.gate.introduced.length ? (
          <p className="text-sm text-slate-600">The same reasons (or none) in both runs.</p>
        ) : (
          <ul className="grid gap-1 text-sm">
            {d.gate.resolved.map((r) => (
              <li key={`r${r}`} className="text-emerald-800">
                resolved in B: {r}
              </li>
            ))}
            {d.gate.introduced.map((r) => (
              <li key={`i${r}`} className="text-red-800">
                new in B: {r}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Cases">
        <FilterPills
          labels={FILTERS.map((f) => f[1])}
          selected={filter}
          onSelect={(i) => {
            setFilter(i);
            setPage(1);
          }}
          label="Filter by change"
        />
        <Table aria-label="Case changes">
          <THead>
            <Th>#</Th>
            <Th>Prompt</Th>
            <Th>Expected</Th>
            <Th>A answered</Th>
            <Th>B answered</Th>
            <Th>Change</Th>
          </THead>
          <tbody>
            {d.cases.rows.map((r) => (
              <Tr key={`${r.aId}-${r.bId}`} data-change={r.change}>
                <Td className="text-slate-500">{r.position}</Td>
                <Td className="max-w-md">{r.prompt}</Td>
                <Td>{r.expected}</Td>
                <Td className={`font-mono ${r.aPassed ? '' : 'text-red-700'}`}>{r.aAnswer ?? '—'}</Td>
                <Td className={`font-mono ${r.bPassed ? '' : 'text-red-700'}`}>{r.bAnswer ?? '—'}</Td>
                <Td>
                  <Badge tone={CHANGE_TONE[r.change]}>{r.change.replace('_', ' ')}</Badge>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
        <Pagination page={page} pageSize={PAGE_SIZE} total={d.cases.total} onPage={setPage} />
      </Card>
    </div>
  );
}
