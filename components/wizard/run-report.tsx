'use client';
// A pipeline run's report: the timeline of its steps, its iterations, the training curve and evaluation scores of what
// it made, links to every artefact, and the lineage from the deployment back to the events.
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { SeriesChart } from '@/components/charts/series-chart';
import { ReportCharts } from '@/components/evaluation/report-charts';
import { Card } from '@/components/ui/card';
import { ErrorLine } from '@/components/ui/list-state';
import { ArtefactList } from './artefacts';
import { Lineage } from './lineage';
import { Timeline } from './timeline';

export function RunReport({ projectId, runId }: { projectId: string; runId: string }) {
  const trpc = useTRPC();
  const {
    data: view,
    error,
    dataUpdatedAt,
  } = useQuery({
    ...trpc.pipeline.get.queryOptions({ projectId, runId }),
    refetchInterval: (q) => (q.state.data?.steps.some((s) => s.status === 'running') ? 3000 : false),
  });
  // The latest of each in the run's history: after a FAIL the new iteration has not trained yet, the last one's curve stays.
  const latest = (k: 'trainingRunId' | 'evaluationRunId') => [...(view?.history ?? [])].reverse().find((s) => s.outputs[k])?.outputs[k];
  const trainingRunId = latest('trainingRunId');
  const evaluationRunId = latest('evaluationRunId');
  const training = useQuery({ ...trpc.training.run.queryOptions({ projectId, runId: trainingRunId ?? '' }), enabled: !!trainingRunId });
  const evaluation = useQuery({
    ...trpc.evaluation.runs.get.queryOptions({ projectId, runId: evaluationRunId ?? '' }),
    enabled: !!evaluationRunId,
  });
  if (error) return <ErrorLine message={error.message} />;
  if (!view) return <p className="text-sm text-slate-500">Loading…</p>;
  const iterations = [...new Set(view.history.map((s) => s.iteration))];
  const loss = (training.data?.points ?? []).filter((p) => p.name !== 'val_accuracy');
  const scores = evaluation.data?.run.scores;
  return (
    <div className="grid gap-6">
      <Card title={`${view.run.name} · ${view.run.status} · iteration ${view.run.iteration}`}>
        <Timeline history={view.history} now={dataUpdatedAt} />
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Artefacts">
          <ArtefactList projectId={projectId} outputs={view.artefacts} />
        </Card>
        <Card title="Iterations">
          <ol className="grid gap-3 text-sm" aria-label="Iterations">
            {iterations.map((n) => {
              const rows = view.history.filter((s) => s.iteration === n);
              const ev = rows.find((s) => s.step === 'evaluation');
              const tr = rows.find((s) => s.step === 'training');
              return (
                <li key={n} data-iteration={n}>
                  <span className="font-medium">Iteration {n}</span>
                  {tr?.outputs.sentBackBy && (
                    <span className="text-slate-600">
                      {' '}
                      · sent back by{' '}
                      <Link className="text-indigo-700 hover:underline" href={`/p/${projectId}/evaluation/runs/${tr.outputs.sentBackBy}`}>
                        {tr.outputs.sentBackBy}
                      </Link>
                    </span>
                  )}
                  <span className="text-slate-600">
                    {' '}
                    · model {tr?.outputs.modelId ?? '—'} · verdict {ev?.outputs.verdict?.toUpperCase() ?? '—'}
                  </span>
                </li>
              );
            })}
          </ol>
        </Card>
      </div>
      <Card title="Training loss">
        {loss.length ? (
          <SeriesChart points={loss} testId="pipeline-loss-chart" />
        ) : (
          <p className="text-sm text-slate-500">No training yet.</p>
        )}
      </Card>
      {scores ? (
        <ReportCharts scores={scores} />
      ) : (
        <Card title="Evaluation scores">{<p className="text-sm text-slate-500">No evaluation yet.</p>}</Card>
      )}
      <Card title="Lineage">
        <Lineage projectId={projectId} runId={runId} />
      </Card>
    </div>
  );
}
