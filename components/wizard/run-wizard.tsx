'use client';
// The wizard over one pipeline run: six steps in order, any of them open to look at or to start again, the selected
// one in full. Everything comes from the run as the server keeps it, polled while a step runs, so a reload (or another
// browser) continues where the run is.
import Link from 'next/link';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { FACTORIES } from '@/components/shell/factories';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorLine } from '@/components/ui/list-state';
import type { PipelineStep } from '@/db/schema';
import { StepPanel, STEP_LABEL, STEP_TONE } from './step-panel';

export function RunWizard({ projectId, runId, canWrite }: { projectId: string; runId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { data: view, error } = useQuery({
    ...trpc.pipeline.get.queryOptions({ projectId, runId }),
    refetchInterval: (q) => (q.state.data?.steps.some((s) => s.status === 'running') ? 1500 : false),
  });
  const [picked, setPicked] = useState<PipelineStep | null>(null);
  const back = useMutation(
    trpc.pipeline.backToTraining.mutationOptions({
      onSuccess: () => {
        setPicked('training');
        return qc.invalidateQueries({ queryKey: trpc.pipeline.pathKey() });
      },
    }),
  );
  if (error) return <ErrorLine message={error.message} />;
  if (!view) return <p className="text-sm text-slate-500">Loading…</p>;
  // Where the run is: the first step not done (the last one when all are).
  const at = view.steps.find((s) => s.status !== 'succeeded')?.step ?? 'runtime';
  const selected = picked ?? at;
  const row = view.steps.find((s) => s.step === selected)!;
  const i = FACTORIES.findIndex((f) => f.slug === selected);
  const next = FACTORIES[i + 1]?.slug as PipelineStep | undefined;
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <span className="font-mono text-xs">{view.run.id}</span>
        <Badge tone={view.run.status === 'deployed' ? 'success' : view.run.status === 'failed' ? 'danger' : 'info'}>
          {view.run.status}
        </Badge>
        <span data-testid="iteration">iteration {view.run.iteration}</span>
        <Link className="text-indigo-700 hover:underline" href={`/p/${projectId}/wizard/${runId}/report`}>
          Timeline and lineage
        </Link>
      </div>
      <ol className="grid gap-2 sm:grid-cols-3 xl:grid-cols-6" aria-label="Run steps">
        {FACTORIES.map((f) => {
          const s = view.steps.find((x) => x.step === f.slug)!;
          const isSel = f.slug === selected;
          return (
            <li key={f.slug}>
              <button
                type="button"
                onClick={() => setPicked(f.slug as PipelineStep)}
                aria-current={isSel ? 'step' : undefined}
                data-step={f.slug}
                data-status={s.status}
                className={`flex w-full flex-col items-start gap-1 rounded-lg border bg-white p-3 text-left shadow-sm transition hover:border-indigo-300 ${isSel ? 'border-indigo-400 ring-2 ring-indigo-100' : 'border-slate-200'}`}
              >
                <span className="text-sm font-semibold">
                  {f.step}. {f.name}
                </span>
                <Badge tone={STEP_TONE[s.status]}>
                  {s.step === 'evaluation' && s.outputs.verdict ? s.outputs.verdict.toUpperCase() : STEP_LABEL[s.status]}
                </Badge>
              </button>
            </li>
          );
        })}
      </ol>
      {view.decision === 'back_to_training' && (
        <div
          role="status"
          className="flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900"
          data-testid="decision"
        >
          <span>
            The model FAILed its gate.{' '}
            {view.canLoop
              ? 'Send its failed cases back to training, with their correct answers, for another iteration.'
              : 'This run has no iteration left: start a new run.'}
          </span>
          {canWrite && view.canLoop && (
            <Button type="button" onClick={() => back.mutate({ projectId, runId })} disabled={back.isPending}>
              Back to training with the failed cases
            </Button>
          )}
          {back.error && <ErrorLine message={back.error.message} />}
        </div>
      )}
      <StepPanel
        key={`${row.step}-${row.iteration}`}
        projectId={projectId}
        view={view}
        row={row}
        canWrite={canWrite}
        onNext={next ? () => setPicked(next) : null}
        onStart={() => setPicked(row.step)}
      />
    </div>
  );
}
