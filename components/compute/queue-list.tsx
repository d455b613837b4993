'use client';
// The requests waiting for capacity, in the order they will start: why each waits, what holds it, and when it should start.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ago } from '@/components/ui/format';
import { AllocationActions } from './allocation-actions';
import { WaitReason } from './wait-reason';
import { describeRequest } from './format';
import { ErrorLine } from '@/components/ui/list-state';

const PAGE_SIZE = 10;

export function QueueList({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const queue = useQuery({ ...trpc.compute.queue.queryOptions({ projectId, page, pageSize: PAGE_SIZE }), refetchInterval: 3_000 });
  if (queue.isLoading) return <p className="text-sm text-slate-500">Loading the queue…</p>;
  if (queue.error) return <ErrorLine message={queue.error.message} />;
  if (!queue.data?.rows.length) {
    return (
      <EmptyState title="Nothing is waiting">
        A request that does not fit the free capacity waits here, first come first served within its priority, with the reason it waits and
        an estimate of when it starts.
      </EmptyState>
    );
  }
  return (
    <div>
      <ol className="flex flex-col divide-y divide-slate-100" aria-label="Queue">
        {queue.data.rows.map((a) => (
          <li
            key={a.id}
            className="flex flex-wrap items-start justify-between gap-3 py-3"
            data-queued-id={a.id}
            data-position={a.wait.position}
          >
            <div className="flex min-w-0 flex-1 gap-3">
              <span
                className="w-10 shrink-0 text-lg font-semibold text-slate-400"
                title="Position among the requests competing for the same machines"
              >
                #{a.wait.position}
              </span>
              <div className="min-w-0 text-sm">
                <div className="flex flex-wrap items-baseline gap-2">
                  <Link href={`/p/${projectId}/compute/${a.id}`} className="font-mono text-xs font-medium text-indigo-700 hover:underline">
                    {a.id}
                  </Link>
                  <span>{describeRequest(a)}</span>
                  <span className="text-xs text-slate-500">
                    {a.poolType} · priority {a.priority} · asked {ago(a.createdAt)}
                    {a.purpose ? ` · ${a.purpose}` : ''}
                  </span>
                </div>
                <WaitReason wait={a.wait} />
              </div>
            </div>
            {canWrite && <AllocationActions projectId={projectId} allocation={a} />}
          </li>
        ))}
      </ol>
      <Pagination page={page} pageSize={PAGE_SIZE} total={queue.data.total} onPage={setPage} />
    </div>
  );
}
