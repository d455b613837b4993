'use client';
// Training runs, live: progress with ETA in the message, and why a queued run waits.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge, jobStatusTone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ProgressBar } from '@/components/ui/progress-bar';

export function RunsTable({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const { data } = useQuery({
    ...trpc.training.runs.queryOptions({ projectId, page, pageSize: 10 }),
    refetchInterval: (q) => (q.state.data?.rows.some((r) => r.job.status === 'queued' || r.job.status === 'running') ? 1500 : 10_000),
  });
  if (!data) return <p className="text-sm text-slate-500">Loading runs…</p>;
  if (!data.rows.length)
    return (
      <EmptyState title="No training runs yet">
        Start one above: it trains on a dataset version and validates on a scenario, with live loss curves.
      </EmptyState>
    );
  return (
    <>
      <ul className="flex flex-col divide-y divide-slate-100" aria-label="Training runs">
        {data.rows.map(({ run, job, waitingFor }) => (
          <li key={run.id} className="grid grid-cols-[1fr_2fr_auto] items-center gap-4 py-3" data-run-id={run.id} data-status={job.status}>
            <div>
              <Link href={`/p/${projectId}/training/runs/${run.id}`} className="font-medium text-indigo-700 hover:underline">
                {run.name}
              </Link>
              <div className="text-xs text-slate-500">
                {run.datasetId} · {run.scenarioId} · {run.hyperParams.modelSize}
              </div>
            </div>
            <div>
              <ProgressBar value={job.progress} label={`Progress of ${run.name}`} />
              <p className="mt-1 truncate text-xs text-slate-500">{waitingFor ?? job.error ?? job.message}</p>
            </div>
            <div className="flex items-center gap-2">
              <Badge tone={jobStatusTone[job.status]}>{job.status}</Badge>
              {run.modelId && (
                <Link href={`/p/${projectId}/training/models/${run.modelId}`} className="text-xs text-indigo-700 hover:underline">
                  model
                </Link>
              )}
            </div>
          </li>
        ))}
      </ul>
      <Pagination page={page} pageSize={10} total={data.total} onPage={setPage} />
    </>
  );
}
