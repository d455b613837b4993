'use client';
// One job, live: state, progress, metrics as curves, and the history of its attempts.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge, jobStatusTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ProgressBar } from '@/components/ui/progress-bar';
import { SeriesChart } from '@/components/charts/series-chart';
import { metricGroups } from '@/components/charts/metric-groups';
import { ago, duration, isActive } from '@/components/ui/format';

export function JobDetail({ projectId, jobId }: { projectId: string; jobId: string }) {
  const trpc = useTRPC();
  const { data, error } = useQuery({
    ...trpc.jobs.get.queryOptions({ projectId, jobId }),
    refetchInterval: (q) => (isActive(q.state.data?.job.status) ? 1000 : false),
  });
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (!data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { job, events, metrics } = data;
  return (
    <div className="grid gap-6">
      <Card
        title={
          <span className="flex items-center gap-2">
            {job.type} <Badge tone={jobStatusTone[job.status]}>{job.status}</Badge>
          </span>
        }
      >
        <ProgressBar value={job.progress} />
        <p className="mt-2 text-sm text-slate-600">{job.error ?? job.message}</p>
        <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
          <dt className="text-slate-500">Queue</dt>
          <dd>{job.queue}</dd>
          <dt className="text-slate-500">Attempts</dt>
          <dd>
            {job.attempts}/{job.maxAttempts}
          </dd>
          <dt className="text-slate-500">Created</dt>
          <dd>{ago(job.createdAt)}</dd>
          <dt className="text-slate-500">Running for</dt>
          <dd>{duration(job.startedAt, job.finishedAt)}</dd>
        </dl>
      </Card>
      {metrics.length ? (
        <div className="grid gap-6 md:grid-cols-2">
          {metricGroups(metrics).map((g) => (
            <Card key={g.title} title={g.title}>
              <SeriesChart points={g.points} yDomain={g.yDomain} unit={g.unit} testId={`metric-chart-${g.title}`} />
            </Card>
          ))}
        </div>
      ) : (
        <Card title="Metrics">
          <p className="text-sm text-slate-500">This job has reported no metrics yet.</p>
        </Card>
      )}
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Input">
          <pre className="overflow-auto text-xs">{JSON.stringify(job.input, null, 2)}</pre>
        </Card>
        <Card title="Result">
          <pre className="overflow-auto text-xs">
            {job.result === null || job.result === undefined ? '—' : JSON.stringify(job.result, null, 2)}
          </pre>
        </Card>
      </div>
      <Card title="History">
        <ol className="flex flex-col gap-1 text-sm">
          {events.map((e) => (
            <li key={e.id} className="flex gap-3">
              <span className="w-24 text-slate-500">{ago(e.at)}</span>
              <span className="w-24 font-medium">{e.kind}</span>
              <span className="text-slate-600">
                attempt {e.attempt}
                {e.workerId ? ` · ${e.workerId}` : ''}
                {e.detail ? ` · ${e.detail}` : ''}
              </span>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
