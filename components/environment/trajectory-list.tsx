'use client';
// The cases of a run with their outcome and why; each opens its trajectory.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterPills } from '@/components/ui/filter-pills';
import { Pagination } from '@/components/ui/pagination';

const PAGE_SIZE = 25;
const FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'passed', label: 'Passed' },
  { value: 'failed', label: 'Failed' },
] as const;

export function TrajectoryList({ projectId, runId, live }: { projectId: string; runId: string; live: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [outcome, setOutcome] = useState<(typeof FILTERS)[number]['value']>('all');
  const list = useQuery({
    ...trpc.environment.runs.trajectories.queryOptions({ projectId, runId, outcome, page, pageSize: PAGE_SIZE }),
    refetchInterval: live ? 1000 : false,
  });
  return (
    <div>
      <FilterPills
        label="Filter by outcome"
        labels={FILTERS.map((f) => f.label)}
        selected={FILTERS.findIndex((f) => f.value === outcome)}
        onSelect={(i) => {
          setOutcome(FILTERS[i]!.value);
          setPage(1);
        }}
      />
      {list.isLoading ? (
        <p className="text-sm text-slate-500">Loading trajectories…</p>
      ) : list.error ? (
        <p role="alert" className="text-sm text-red-700">
          {list.error.message}
        </p>
      ) : !list.data?.rows.length ? (
        <EmptyState title={live ? 'No case finished yet' : 'No trajectories here'}>
          {live ? 'Trajectories appear as each case finishes.' : 'Try another filter.'}
        </EmptyState>
      ) : (
        <>
          <table className="w-full text-left text-sm" aria-label="Trajectories">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="w-12 py-2 pr-3">#</th>
                <th className="py-2 pr-3">Prompt</th>
                <th className="py-2 pr-3">Answer</th>
                <th className="py-2 pr-3">Outcome</th>
                <th className="py-2 pr-3">Steps</th>
                <th className="py-2">Latency</th>
              </tr>
            </thead>
            <tbody>
              {list.data.rows.map((t) => (
                <tr key={t.id} className="border-b border-slate-100 align-top" data-trajectory-id={t.id} data-passed={t.passed}>
                  <td className="py-2 pr-3 text-slate-500">{t.position}</td>
                  <td className="py-2 pr-3">
                    <Link href={`/p/${projectId}/environment/trajectories/${t.id}`} className="text-indigo-700 hover:underline">
                      {t.prompt}
                    </Link>
                  </td>
                  <td className="py-2 pr-3 font-mono">{t.finalAnswer ?? '—'}</td>
                  <td className="py-2 pr-3">
                    <Badge tone={t.passed ? 'success' : 'danger'}>{t.passed ? 'pass' : 'fail'}</Badge>
                    <div className="mt-0.5 text-xs text-slate-500">{t.explanation}</div>
                  </td>
                  <td className="py-2 pr-3 text-slate-600">{t.steps}</td>
                  <td className="py-2 text-slate-600">{t.latencyMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
