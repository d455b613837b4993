'use client';
// One training run, live: progress and ETA, loss and accuracy curves as they are reported, checkpoints, the model.
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { SeriesChart } from '@/components/charts/series-chart';
import { Badge, jobStatusTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ProgressBar } from '@/components/ui/progress-bar';
import { belowBaselineWarning } from '@/common/training-baseline';

export function RunDetail({ projectId, runId, canWrite }: { projectId: string; runId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { data, error } = useQuery({
    ...trpc.training.run.queryOptions({ projectId, runId }),
    refetchInterval: (q) => (q.state.data && ['queued', 'running'].includes(q.state.data.job.status) ? 1500 : false),
  });
  const cancel = useMutation(
    trpc.jobs.cancel.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.training.pathKey() }) }),
  );
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (!data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { run, job, points, checkpoints, model, waitingFor, attempts } = data;
  const loss = points.filter((p) => p.name !== 'val_accuracy');
  const accuracy = points.filter((p) => p.name === 'val_accuracy').map((p) => ({ ...p, value: Math.round(p.value * 1000) / 10 }));
  const active = job.status === 'queued' || job.status === 'running';
  return (
    <div className="grid gap-6">
      <Card
        title={
          <span className="flex items-center gap-2">
            {run.name} <Badge tone={jobStatusTone[job.status]}>{job.status}</Badge>
          </span>
        }
        actions={
          canWrite &&
          active && (
            <Button
              variant="danger"
              onClick={() => confirm(`Cancel training run ${run.name}?`) && cancel.mutate({ projectId, jobId: run.jobId })}
            >
              Cancel
            </Button>
          )
        }
      >
        <ProgressBar value={job.progress} label="Training progress" />
        <p className="mt-2 text-sm text-slate-600" data-testid="run-message">
          {waitingFor ?? job.error ?? job.message}
        </p>
        {model && belowBaselineWarning(model.metrics) && (
          <p className="mt-2 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="run-below-baseline">
            {belowBaselineWarning(model.metrics)}
          </p>
        )}
        {model && (
          <p className="mt-2 text-sm">
            Registered as{' '}
            <Link className="font-medium text-indigo-700 hover:underline" href={`/p/${projectId}/training/models/${model.id}`}>
              {model.id}
            </Link>
          </p>
        )}
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Loss">
          {loss.length ? (
            <SeriesChart points={loss} testId="loss-chart" />
          ) : (
            <p className="text-sm text-slate-500">The first losses appear a few seconds after training starts.</p>
          )}
        </Card>
        <Card title="Validation accuracy on the scenario (%)">
          {accuracy.length ? (
            <SeriesChart points={accuracy} testId="accuracy-chart" yDomain={[0, 100]} unit="%" />
          ) : (
            <p className="text-sm text-slate-500">Measured every 100 steps on the scenario’s cases.</p>
          )}
        </Card>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Lineage">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">Dataset</dt>
            <dd>{run.datasetId}</dd>
            <dt className="text-slate-500">Scenario</dt>
            <dd>{run.scenarioId}</dd>
            <dt className="text-slate-500">Allocation</dt>
            <dd>
              {run.allocationId ? (
                <Link className="text-indigo-700 hover:underline" href={`/p/${projectId}/compute/${run.allocationId}`}>
                  {run.allocationId}
                </Link>
              ) : (
                '—'
              )}
            </dd>
            <dt className="text-slate-500">Ran on</dt>
            <dd>
              {attempts.length ? (
                <ul aria-label="Attempts" data-testid="run-attempts">
                  {attempts.map((a) => (
                    <li key={a.attempt}>
                      attempt {a.attempt}: {a.node ?? 'a worker no longer listed'}
                      {a.interrupted && <span className="text-amber-800"> — interrupted: {a.interrupted}</span>}
                    </li>
                  ))}
                </ul>
              ) : (
                '—'
              )}
            </dd>
            <dt className="text-slate-500">Base</dt>
            <dd>{run.base}</dd>
            <dt className="text-slate-500">Hyper-parameters</dt>
            <dd className="font-mono text-xs">{JSON.stringify(run.hyperParams)}</dd>
            <dt className="text-slate-500">Job</dt>
            <dd>
              <Link className="text-indigo-700 hover:underline" href={`/p/${projectId}/jobs/${run.jobId}`}>
                {run.jobId}
              </Link>{' '}
              · attempt {job.attempts}
            </dd>
          </dl>
        </Card>
        <Card title="Checkpoints">
          {checkpoints.length ? (
            <ul className="text-sm" aria-label="Checkpoints">
              {checkpoints.map((c) => (
                <li key={c.id} className="flex justify-between py-0.5">
                  <span>step {c.step}</span>
                  <span className="text-slate-500">
                    loss {c.trainLoss?.toFixed(3) ?? '—'} · {(c.sizeBytes / 1024).toFixed(0)} KB
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">Saved every 150 steps; a run whose worker dies resumes from the latest.</p>
          )}
        </Card>
      </div>
    </div>
  );
}
