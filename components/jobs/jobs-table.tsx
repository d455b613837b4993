'use client';
// Every job of the project, live: polls while any job is active so progress bars move without a reload.
import { useState } from 'react';
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge, jobStatusTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ProgressBar } from '@/components/ui/progress-bar';
import { ago, duration, isActive } from '@/components/ui/format';
import { FilterPills } from '@/components/ui/filter-pills';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

const FILTERS = [
  { label: 'All', status: undefined },
  { label: 'Active', status: ['queued', 'running'] as const },
  { label: 'Failed', status: ['failed'] as const },
] as const;

export function JobsTable({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState(0);
  const status = FILTERS[filter]!.status;
  const list = useQuery({
    ...trpc.jobs.list.queryOptions({ projectId, page, pageSize: 20, status: status ? [...status] : undefined }),
    refetchInterval: (q) => (q.state.data?.rows.some((j) => isActive(j.status)) ? 1000 : 5000),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.jobs.pathKey() });
  const cancel = useMutation(trpc.jobs.cancel.mutationOptions({ onSuccess: refresh }));
  const restart = useMutation(trpc.jobs.restart.mutationOptions({ onSuccess: refresh }));

  return (
    <div>
      <FilterPills
        label="Job filter"
        labels={FILTERS.map((f) => f.label)}
        selected={filter}
        onSelect={(i) => {
          setFilter(i);
          setPage(1);
        }}
      />
      {list.isLoading ? (
        <p className="text-sm text-slate-500">Loading jobs…</p>
      ) : list.error ? (
        <p role="alert" className="text-sm text-red-700">
          {list.error.message}
        </p>
      ) : !list.data?.rows.length ? (
        <EmptyState title="No jobs here">
          Long work — cleaning, baseline runs, training, evaluation, warming pools — runs as jobs and shows up here live with its progress.
        </EmptyState>
      ) : (
        <>
          <Table aria-label="Jobs">
            <THead>
              <Th>Job</Th>
              <Th>Status</Th>
              <Th className="w-1/3">Progress</Th>
              <Th>Attempts</Th>
              <Th>Created</Th>
              <Th>Took</Th>
              {canWrite && <Th />}
            </THead>
            <tbody>
              {list.data.rows.map((job) => (
                <Tr key={job.id} data-job-id={job.id} data-status={job.status}>
                  <Td>
                    <Link href={`/p/${projectId}/jobs/${job.id}`} className="font-medium text-indigo-700 hover:underline">
                      {job.type}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{job.id}</div>
                    <div className="text-xs text-slate-500">queue: {job.queue}</div>
                  </Td>
                  <Td>
                    <Badge tone={jobStatusTone[job.status]}>{job.status}</Badge>
                  </Td>
                  <Td>
                    <ProgressBar value={job.progress} label={`Progress of ${job.id}`} />
                    <div className="mt-1 flex justify-between text-xs text-slate-500">
                      <span className="truncate" data-testid="job-message">
                        {job.error ?? job.message}
                      </span>
                      <span>{Math.round(job.progress * 100)}%</span>
                    </div>
                  </Td>
                  <Td className="text-slate-600">
                    {job.attempts}/{job.maxAttempts}
                  </Td>
                  <Td className="text-slate-600">{ago(job.createdAt)}</Td>
                  <Td className="text-slate-600">{duration(job.startedAt, job.finishedAt)}</Td>
                  {canWrite && (
                    <Td className="text-right">
                      {isActive(job.status) && (
                        <Button
                          variant="danger"
                          disabled={job.cancelRequested}
                          onClick={() => confirm(`Cancel ${job.type} (${job.id})?`) && cancel.mutate({ projectId, jobId: job.id })}
                        >
                          {job.cancelRequested ? 'Cancelling…' : 'Cancel'}
                        </Button>
                      )}
                      {(job.status === 'failed' || job.status === 'cancelled') && (
                        <Button variant="secondary" onClick={() => restart.mutate({ projectId, jobId: job.id })}>
                          Restart
                        </Button>
                      )}
                    </Td>
                  )}
                </Tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} pageSize={20} total={list.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
