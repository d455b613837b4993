'use client';
// Runs, newest first, live: a progress bar and the last message while running, the pass rate once done.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { ago, isActive } from '@/components/jobs/format';
import { Badge, jobStatusTone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ProgressBar } from '@/components/ui/progress-bar';
import { passRate } from './format';

const PAGE_SIZE = 10;

export function RunsTable({ projectId, scenarioId }: { projectId: string; scenarioId?: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.environment.runs.list.queryOptions({ projectId, scenarioId, page, pageSize: PAGE_SIZE }),
    refetchInterval: (q) => (q.state.data?.rows.some((r) => isActive(r.status)) ? 1000 : false),
  });
  if (list.isLoading) return <p className="text-sm text-slate-500">Loading runs…</p>;
  if (list.error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {list.error.message}
      </p>
    );
  if (!list.data?.rows.length) {
    return (
      <EmptyState title="No runs yet">
        Run the baseline to see how this scenario scores before any training; every case leaves a trajectory you can step through.
      </EmptyState>
    );
  }
  return (
    <>
      <table className="w-full text-left text-sm" aria-label="Runs">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2 pr-3">Run</th>
            <th className="py-2 pr-3">Agent</th>
            <th className="py-2 pr-3">Status</th>
            <th className="w-1/3 py-2 pr-3">Progress</th>
            <th className="py-2">Pass rate</th>
          </tr>
        </thead>
        <tbody>
          {list.data.rows.map((r) => (
            <tr key={r.run.id} className="border-b border-slate-100 align-top" data-run-id={r.run.id} data-status={r.status}>
              <td className="py-2 pr-3">
                <Link
                  href={`/p/${projectId}/environment/runs/${r.run.id}`}
                  className="font-mono text-xs font-medium text-indigo-700 hover:underline"
                >
                  {r.run.id}
                </Link>
                <div className="text-xs text-slate-500">
                  {r.run.scenarioId} · {ago(r.run.createdAt)}
                </div>
              </td>
              <td className="py-2 pr-3">{r.run.policyName ?? r.run.policy}</td>
              <td className="py-2 pr-3">
                <Badge tone={jobStatusTone[r.status]}>{r.status}</Badge>
              </td>
              <td className="py-2 pr-3">
                <ProgressBar value={r.progress} label={`Progress of ${r.run.id}`} />
                <div className="mt-1 truncate text-xs text-slate-500" data-testid="run-message">
                  {r.error ?? r.message}
                </div>
              </td>
              <td className="py-2" data-testid="run-pass-rate">
                {r.run.completed ? passRate(r.run.passed, r.run.completed) : '—'}
                {isActive(r.status) && r.run.completed > 0 && <span className="text-xs text-slate-500"> so far</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
    </>
  );
}
