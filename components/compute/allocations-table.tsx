'use client';
// Every allocation of the project: who asked, for what, where it runs, and how it ended; live while any is active.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ago } from '@/components/ui/format';
import { AllocationActions } from './allocation-actions';
import { allocationTone, describeRequest } from './format';
import { FilterPills } from '@/components/ui/filter-pills';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

const FILTERS = [
  { label: 'Active', status: ['granted', 'queued'] as const },
  { label: 'Ended', status: ['released', 'cancelled', 'failed'] as const },
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
          <Table aria-label="Allocations">
            <THead>
              <Th>Allocation</Th>
              <Th>Status</Th>
              <Th>Request</Th>
              <Th>Machine</Th>
              <Th>Job</Th>
              <Th>Requested</Th>
              {canWrite && <Th />}
            </THead>
            <tbody>
              {list.data.rows.map((a) => (
                <Tr key={a.id} data-allocation-id={a.id} data-status={a.status}>
                  <Td>
                    <Link
                      href={`/p/${projectId}/compute/${a.id}`}
                      className="font-mono text-xs font-medium text-indigo-700 hover:underline"
                    >
                      {a.id}
                    </Link>
                    <div className="text-xs text-slate-600">{a.purpose || '—'}</div>
                  </Td>
                  <Td>
                    <Badge tone={allocationTone[a.status]}>{a.status}</Badge>
                    {a.endReason && <div className="mt-1 text-xs text-slate-500">{a.endReason}</div>}
                  </Td>
                  <Td>
                    {describeRequest(a)}
                    <div className="text-xs text-slate-500">
                      {a.poolType} · priority {a.priority}
                    </div>
                  </Td>
                  <Td className="text-slate-600">{a.machineName ?? '—'}</Td>
                  <Td className="text-xs">
                    {a.job ? (
                      <Link href={`/p/${projectId}/jobs/${a.job.id}`} className="text-indigo-700 hover:underline">
                        {a.job.type} · {a.job.status}
                      </Link>
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </Td>
                  <Td className="text-slate-600">{ago(a.createdAt)}</Td>
                  {canWrite && (
                    <Td className="text-right">
                      <AllocationActions projectId={projectId} allocation={a} />
                    </Td>
                  )}
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
