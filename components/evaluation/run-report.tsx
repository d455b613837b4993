'use client';
// A run's report, the page managers read: live progress with ETA while it runs; then the verdict and its reasons,
// the figures, the charts and every case, with exports and printing for everyone and the write actions for engineers.
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge, jobStatusTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ago, duration, isActive } from '@/components/ui/format';
import { ErrorLine } from '@/components/ui/list-state';
import { ProgressBar } from '@/components/ui/progress-bar';
import { ByTagTable, ReportCharts } from './report-charts';
import { RatingPanel } from './rating-panel';
import { RunActions } from './run-actions';
import { RunCasesTable } from './run-cases-table';
import { SummaryCards } from './summary-cards';
import { VerdictBanner } from './verdict-banner';

export function RunReport({ projectId, runId, canWrite }: { projectId: string; runId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const got = useQuery({
    ...trpc.evaluation.runs.get.queryOptions({ projectId, runId }),
    refetchInterval: (q) => (isActive(q.state.data?.status) ? 1000 : false),
  });
  if (got.error) return <ErrorLine message={got.error.message} />;
  if (!got.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { run, status, progress, message, error, tasksetName, tasksetVersion, currentPolicyVersion, verdictStale } = got.data;
  const running = isActive(status);
  const finished = status === 'succeeded' && !!run.scores;
  return (
    <div className="grid gap-6" data-testid="run-report" data-status={status}>
      <Card
        title={
          <span className="flex items-center gap-2">
            <span className="font-mono">{run.id}</span> <Badge tone={jobStatusTone[status]}>{status}</Badge>
          </span>
        }
        actions={
          <RunActions
            projectId={projectId}
            runId={runId}
            canWrite={canWrite}
            finished={finished}
            canSendBack={finished && run.verdict === 'fail' && !!run.modelId}
            sentBackDatasetId={run.sentBackDatasetId}
          />
        }
      >
        {(running || error) && (
          <div className="mb-3">
            <ProgressBar value={progress} label="Evaluation progress" />
            <p className="mt-2 text-sm text-slate-600" data-testid="run-message">
              {error ?? message}
            </p>
          </div>
        )}
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
          <dt className="text-slate-500">Subject</dt>
          <dd>
            {run.modelId ? (
              <Link className="text-indigo-700 hover:underline" href={`/p/${projectId}/training/models/${run.modelId}`}>
                {run.subjectLabel || run.subject}
              </Link>
            ) : (
              run.subjectLabel || run.subject
            )}
          </dd>
          <dt className="text-slate-500">Taskset</dt>
          <dd>
            <Link className="text-indigo-700 hover:underline" href={`/p/${projectId}/evaluation/tasksets/${run.tasksetId}`}>
              {tasksetName} v{tasksetVersion}
            </Link>{' '}
            · {run.caseCount} cases + {run.adversarialCount} adversarial
          </dd>
          <dt className="text-slate-500">Started</dt>
          <dd>{ago(run.createdAt)}</dd>
          <dt className="text-slate-500">Took</dt>
          <dd>{duration(run.createdAt, run.finishedAt)}</dd>
          {run.rescoreOf && (
            <>
              <dt className="text-slate-500">Re-score of</dt>
              <dd>
                <Link className="font-mono text-indigo-700 hover:underline" href={`/p/${projectId}/evaluation/runs/${run.rescoreOf}`}>
                  {run.rescoreOf}
                </Link>{' '}
                (its outputs, scored again)
              </dd>
            </>
          )}
          <dt className="text-slate-500">Step limit · seed</dt>
          <dd>
            {run.stepLimit} · {run.seed}
          </dd>
        </dl>
      </Card>
      <VerdictBanner
        verdict={run.verdict}
        gate={run.gate}
        policyVersion={run.policyVersion}
        currentPolicyVersion={currentPolicyVersion}
        stale={verdictStale}
      />
      {run.scores && (
        <>
          <SummaryCards scores={run.scores} judge={run.judge} />
          <ReportCharts scores={run.scores} />
          {(run.scores.byTag.length > 0 || run.scores.byDifficulty.length > 0) && (
            <Card title="By tag and difficulty">
              <ByTagTable scores={run.scores} />
            </Card>
          )}
        </>
      )}
      <Card title="Cases">
        <RunCasesTable projectId={projectId} runId={runId} live={running} />
      </Card>
      {canWrite && finished && (
        <Card title="Rate these outputs (calibrates the judge)">
          <RatingPanel projectId={projectId} runId={runId} />
        </Card>
      )}
    </div>
  );
}
