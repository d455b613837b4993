'use client';
// One allocation, live: what it asked for, where it runs, its job, how it ended, and while queued why it waits.
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ago } from '@/components/ui/format';
import { AllocationActions } from './allocation-actions';
import { WaitReason } from './wait-reason';
import { allocationTone, describeRequest } from './format';

export function AllocationDetail({ projectId, allocationId, canWrite }: { projectId: string; allocationId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const { data: a, error } = useQuery({
    ...trpc.compute.get.queryOptions({ projectId, allocationId }),
    refetchInterval: (q) => (q.state.data && ['queued', 'granted'].includes(q.state.data.status) ? 2_000 : false),
  });
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (!a) return <p className="text-sm text-slate-500">Loading…</p>;
  return (
    <div className="grid gap-6">
      <Card
        title={
          <span className="flex items-center gap-2">
            <span className="font-mono">{a.id}</span> <Badge tone={allocationTone[a.status]}>{a.status}</Badge>
          </span>
        }
        actions={canWrite && <AllocationActions projectId={projectId} allocation={a} />}
      >
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
          <dt className="text-slate-500">Request</dt>
          <dd>{describeRequest(a)}</dd>
          <dt className="text-slate-500">Pool type · priority</dt>
          <dd>
            {a.poolType} · {a.priority}
          </dd>
          <dt className="text-slate-500">Purpose</dt>
          <dd>{a.purpose || '—'}</dd>
          <dt className="text-slate-500">Machine</dt>
          <dd data-testid="allocation-machine">{a.machineName ?? '—'}</dd>
          {a.externalJobId && (
            <>
              <dt className="text-slate-500">Slurm job</dt>
              <dd data-testid="allocation-slurm">
                <span className="font-mono">{a.externalJobId}</span> · {a.externalState}
                {a.externalReason && a.externalReason !== 'None' ? ` (${a.externalReason})` : ''}
              </dd>
              <dt className="text-slate-500">GPU indices</dt>
              <dd data-testid="allocation-gpus">{a.gpuIndices?.length ? a.gpuIndices.join(', ') : '—'}</dd>
            </>
          )}
          <dt className="text-slate-500">Job</dt>
          <dd>
            {a.job ? (
              <Link className="text-indigo-700 hover:underline" href={`/p/${projectId}/jobs/${a.job.id}`}>
                {a.job.type} · {a.job.status} · {Math.round(a.job.progress * 100)}%
              </Link>
            ) : (
              '—'
            )}
          </dd>
          <dt className="text-slate-500">Requested</dt>
          <dd>{ago(a.createdAt)}</dd>
          <dt className="text-slate-500">Granted</dt>
          <dd>{ago(a.grantedAt)}</dd>
          <dt className="text-slate-500">Ended</dt>
          <dd>{a.endedAt ? `${ago(a.endedAt)} — ${a.endReason ?? ''}` : '—'}</dd>
          {a.restartedFrom && (
            <>
              <dt className="text-slate-500">Restarted from</dt>
              <dd>
                <Link className="font-mono text-indigo-700 hover:underline" href={`/p/${projectId}/compute/${a.restartedFrom}`}>
                  {a.restartedFrom}
                </Link>
              </dd>
            </>
          )}
        </dl>
      </Card>
      {a.wait && (
        <Card title={`Waiting — position ${a.wait.position}`}>
          <WaitReason wait={a.wait} />
        </Card>
      )}
    </div>
  );
}
