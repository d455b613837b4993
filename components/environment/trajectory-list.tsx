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
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

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
          <Table aria-label="Trajectories">
            <THead>
              <Th className="w-12">#</Th>
              <Th>Prompt</Th>
              <Th>Answer</Th>
              <Th>Outcome</Th>
              <Th>Steps</Th>
              <Th>Latency</Th>
            </THead>
            <tbody>
              {list.data.rows.map((t) => (
                <Tr key={t.id} data-trajectory-id={t.id} data-passed={t.passed}>
                  <Td className="text-slate-500">{t.position}</Td>
                  <Td>
                    <Link href={`/p/${projectId}/environment/trajectories/${t.id}`} className="text-indigo-700 hover:underline">
                      {t.prompt}
                    </Link>
                  </Td>
                  <Td className="font-mono">{t.finalAnswer ?? '—'}</Td>
                  <Td>
                    <Badge tone={t.passed ? 'success' : 'danger'}>{t.passed ? 'pass' : 'fail'}</Badge>
                    <div className="mt-0.5 text-xs text-slate-500">{t.explanation}</div>
                  </Td>
                  <Td className="text-slate-600">{t.steps}</Td>
                  <Td className="text-slate-600">{t.latencyMs} ms</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
