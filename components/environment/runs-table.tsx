'use client';
// Runs, newest first, live: a progress bar and the last message while running, the pass rate once done.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { ago, isActive } from '@/components/ui/format';
import { Badge, jobStatusTone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ProgressBar } from '@/components/ui/progress-bar';
import { passRate } from './format';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { ErrorLine } from '@/components/ui/list-state';

const PAGE_SIZE = 10;

export function RunsTable({ projectId, scenarioId }: { projectId: string; scenarioId?: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.environment.runs.list.queryOptions({ projectId, scenarioId, page, pageSize: PAGE_SIZE }),
    refetchInterval: (q) => (q.state.data?.rows.some((r) => isActive(r.status)) ? 1000 : false),
  });
  if (list.isLoading) return <p className="text-sm text-slate-500">Loading runs…</p>;
  if (list.error) return <ErrorLine message={list.error.message} />;
  if (!list.data?.rows.length) {
    return (
      <EmptyState title="No runs yet">
        Run the baseline to see how this scenario scores before any training; every case leaves a trajectory you can step through.
      </EmptyState>
    );
  }
  return (
    <>
      <Table aria-label="Runs">
        <THead>
          <Th>Run</Th>
          <Th>Agent</Th>
          <Th>Status</Th>
          <Th className="w-1/3">Progress</Th>
          <Th>Pass rate</Th>
        </THead>
        <tbody>
          {list.data.rows.map((r) => (
            <Tr key={r.run.id} data-run-id={r.run.id} data-status={r.status}>
              <Td>
                <Link
                  href={`/p/${projectId}/environment/runs/${r.run.id}`}
                  className="font-mono text-xs font-medium text-indigo-700 hover:underline"
                >
                  {r.run.id}
                </Link>
                <div className="text-xs text-slate-500">
                  {r.run.scenarioId} · {ago(r.run.createdAt)}
                </div>
              </Td>
              <Td>{r.run.policyName ?? r.run.policy}</Td>
              <Td>
                <Badge tone={jobStatusTone[r.status]}>{r.status}</Badge>
              </Td>
              <Td>
                <ProgressBar value={r.progress} label={`Progress of ${r.run.id}`} />
                <div className="mt-1 truncate text-xs text-slate-500" data-testid="run-message">
                  {r.error ?? r.message}
                </div>
              </Td>
              <Td data-testid="run-pass-rate">
                {r.run.completed ? passRate(r.run.passed, r.run.completed) : '—'}
                {isActive(r.status) && r.run.completed > 0 && <span className="text-xs text-slate-500"> so far</span>}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
    </>
  );
}
