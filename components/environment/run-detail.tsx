'use client';
// One run: its progress while running, pass rate once done, sending the passing trajectories to Data, and the
// trajectory of every case.
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { ago, duration, isActive } from '@/components/ui/format';
import { Badge, jobStatusTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ProgressBar } from '@/components/ui/progress-bar';
import { passRate } from './format';
import { TrajectoryList } from './trajectory-list';
import { ErrorLine } from '@/components/ui/list-state';

export function RunDetail({ projectId, runId, canWrite }: { projectId: string; runId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const got = useQuery({
    ...trpc.environment.runs.get.queryOptions({ projectId, runId }),
    refetchInterval: (q) => (isActive(q.state.data?.status) ? 1000 : false),
  });
  const send = useMutation(
    trpc.environment.runs.sendToData.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.environment.runs.pathKey() }),
    }),
  );
  if (got.error) return <ErrorLine message={got.error.message} />;
  if (!got.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { run, status, progress, message, error, scenarioName, scenarioVersion, sent } = got.data;
  const running = isActive(status);
  return (
    <div className="grid gap-6">
      <Card
        title={
          <span className="flex items-center gap-2">
            <span className="font-mono">{run.id}</span> <Badge tone={jobStatusTone[status]}>{status}</Badge>
          </span>
        }
        actions={
          canWrite &&
          status === 'succeeded' && (
            <Button variant="secondary" disabled={send.isPending || run.passed === 0} onClick={() => send.mutate({ projectId, runId })}>
              Send {run.passed} passing trajectories to Data
            </Button>
          )
        }
      >
        <ProgressBar value={progress} label="Run progress" />
        <p className="mt-2 text-sm text-slate-600" data-testid="run-message">
          {error ?? message}
        </p>
        <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
          <dt className="text-slate-500">Scenario</dt>
          <dd>
            <Link href={`/p/${projectId}/environment/${run.scenarioId}?tab=runs`} className="text-indigo-700 hover:underline">
              {scenarioName} v{scenarioVersion}
            </Link>
          </dd>
          <dt className="text-slate-500">Agent</dt>
          <dd>{run.policyName ?? run.policy}</dd>
          <dt className="text-slate-500">Pass rate</dt>
          <dd data-testid="run-pass-rate">
            {passRate(run.passed, run.completed)}
            {running ? ` after ${run.completed} of ${run.caseCount}` : ''}
          </dd>
          <dt className="text-slate-500">Step limit · seed</dt>
          <dd>
            {run.stepLimit} · {run.seed}
          </dd>
          <dt className="text-slate-500">Started</dt>
          <dd>{ago(run.createdAt)}</dd>
          <dt className="text-slate-500">Took</dt>
          <dd>{duration(run.createdAt, run.finishedAt)}</dd>
          <dt className="text-slate-500">Sent to Data</dt>
          <dd>{sent ? `${sent} interactions (source environment)` : 'not yet'}</dd>
        </dl>
        {send.data && (
          <p role="status" className="mt-3 text-sm text-emerald-700">
            Sent {send.data.sent} new interaction{send.data.sent === 1 ? '' : 's'} to Data
            {send.data.alreadySent ? `; ${send.data.alreadySent} were already there` : ''}.
          </p>
        )}
        {send.error && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {send.error.message}
          </p>
        )}
      </Card>
      <Card title="Trajectories">
        <TrajectoryList projectId={projectId} runId={runId} live={running} />
      </Card>
    </div>
  );
}
