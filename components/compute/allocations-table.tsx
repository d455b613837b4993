'use client';
// Every allocation of the project: who asked, for what, where it runs, and how it ended; live while any is active.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ago } from '@/components/jobs/format';
import { AllocationActions } from './allocation-actions';
import { allocationTone, describeRequest } from './format';
import { FilterPills } from '@/components/ui/filter-pills';

const FILTERS = [
  { label: 'Active', status: ['granted', 'queued'] as const },
  { label: 'Ended', status: ['released', 'cancelled'] as const },
  { label: 'All', status: undefined },
] as const;
const PAGE_SIZE = 20;

export function AllocationsTable({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState(0);
  const status = FILTERS[filter]!.status;
  const list = useQuery({
    ...trpc.compute.list.queryOptions({ projectId, page, pageSize: PAGE_SIZE, status: status ? [...status] : undefined }),
    refetchInterval: 3_000,
  });

  return (
    <div>
      <FilterPills
        label="Allocation filter"
        labels={FILTERS.map((f) => f.label)}
        selected={filter}
        onSelect={(i) => {
          setFilter(i);
          setPage(1);
        }}
      />
      {list.isLoading ? (
        <p className="text-sm text-slate-500">Loading allocations…</p>
      ) : list.error ? (
        <p role="alert" className="text-sm text-red-700">
          {list.error.message}
        </p>
      ) : !list.data?.rows.length ? (
        <EmptyState title={filter === 0 ? 'Nothing allocated right now' : 'No allocations here'}>
          Allocations reserve CPU cores, GPUs and memory of the pool for training and serving.{' '}
          {canWrite ? 'Request one above, or start a training job.' : 'Engineers request them, or training jobs do.'}
        </EmptyState>
      ) : (
        <>
          <table className="w-full text-left text-sm" aria-label="Allocations">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-2 pr-3">Allocation</th>
                <th className="py-2 pr-3">Status</th>
                <th className="py-2 pr-3">Request</th>
                <th className="py-2 pr-3">Machine</th>
                <th className="py-2 pr-3">Job</th>
                <th className="py-2 pr-3">Requested</th>
                {canWrite && <th className="py-2" />}
              </tr>
            </thead>
            <tbody>
              {list.data.rows.map((a) => (
                <tr key={a.id} className="border-b border-slate-100 align-top" data-allocation-id={a.id} data-status={a.status}>
                  <td className="py-2 pr-3">
                    <Link
                      href={`/p/${projectId}/compute/${a.id}`}
                      className="font-mono text-xs font-medium text-indigo-700 hover:underline"
                    >
                      {a.id}
                    </Link>
                    <div className="text-xs text-slate-600">{a.purpose || '—'}</div>
                  </td>
                  <td className="py-2 pr-3">
                    <Badge tone={allocationTone[a.status]}>{a.status}</Badge>
                    {a.endReason && <div className="mt-1 text-xs text-slate-500">{a.endReason}</div>}
                  </td>
                  <td className="py-2 pr-3">
                    {describeRequest(a)}
                    <div className="text-xs text-slate-500">
                      {a.poolType} · priority {a.priority}
                    </div>
                  </td>
                  <td className="py-2 pr-3 text-slate-600">{a.machineName ?? '—'}</td>
                  <td className="py-2 pr-3 text-xs">
                    {a.job ? (
                      <Link href={`/p/${projectId}/jobs/${a.job.id}`} className="text-indigo-700 hover:underline">
                        {a.job.type} · {a.job.status}
                      </Link>
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </td>
                  <td className="py-2 pr-3 text-slate-600">{ago(a.createdAt)}</td>
                  {canWrite && (
                    <td className="py-2 text-right">
                      <AllocationActions projectId={projectId} allocation={a} />
                    </td>
                  )}
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
