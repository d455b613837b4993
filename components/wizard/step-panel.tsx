'use client';
// One step of the wizard: what it takes from the earlier steps, its choices, Start (or Start again), its job's live
// progress, what it produced, and Next once it is done.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { factory } from '@/components/shell/factories';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { fieldError } from '@/components/ui/field';
import { duration } from '@/components/ui/format';
import { ProgressBar } from '@/components/ui/progress-bar';
import type { PipelineRunView } from '@/server/pipeline/runs';
import { ArtefactList, TAKES } from './artefacts';
import { StepFields, toInputs, type Choices } from './step-fields';

export const STEP_LABEL = { pending: 'Not started', running: 'Running', succeeded: 'Done', failed: 'Failed' } as const;
export const STEP_TONE = { pending: 'neutral', running: 'info', succeeded: 'success', failed: 'danger' } as const;

type Row = PipelineRunView['steps'][number];

export function StepPanel({
  projectId,
  view,
  row,
  canWrite,
  onNext,
  onStart,
}: {
  projectId: string;
  view: PipelineRunView;
  row: Row;
  canWrite: boolean;
  onNext: (() => void) | null;
  /** The wizard stays on a step the user started, even once it is done, until they press Next. */
  onStart: () => void;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const f = factory(row.step);
  const [choices, setChoices] = useState<Choices>({});
  const start = useMutation(
    trpc.pipeline.startStep.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.pipeline.pathKey() }) }),
  );
  const job = useQuery({
    ...trpc.jobs.get.queryOptions({ projectId, jobId: row.jobId ?? '' }),
    enabled: !!row.jobId && row.status === 'running',
    refetchInterval: 1500,
  });
  const takes = TAKES[row.step] ?? [];
  const runtimeMissing = row.step === 'runtime' && !view.runtimeAvailable;
  const blockedByFail = row.step === 'runtime' && view.decision === 'back_to_training';
  const err = (k: string) => fieldError(start.error, k);
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          {f.step}. {f.name}
          <Badge tone={STEP_TONE[row.status]}>{STEP_LABEL[row.status]}</Badge>
          {row.iteration > 1 && <Badge tone="warning">iteration {row.iteration}</Badge>}
        </span>
      }
      actions={<span className="text-xs text-slate-500">{row.startedAt ? duration(row.startedAt, row.finishedAt) : ''}</span>}
    >
      <div className="grid gap-4" data-testid={`step-panel-${row.step}`} data-status={row.status}>
        <p className="text-sm text-slate-600">
          {f.tagline} Produces {f.produces}.
        </p>
        {takes.length > 0 && (
          <div>
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Takes from earlier steps</h3>
            <ArtefactList projectId={projectId} outputs={{ ...view.artefacts, ...row.inputs }} only={takes} />
          </div>
        )}
        {runtimeMissing && (
          <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="runtime-unavailable">
            Runtime not available: this installation has no Runtime factory to deploy with yet. The model is ready (and has passed its gate)
            once the evaluation step says PASS.
          </p>
        )}
        {canWrite && row.status !== 'running' && !runtimeMissing && !blockedByFail && (
          <form
            className="grid gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              onStart();
              start.mutate({ projectId, runId: view.run.id, step: row.step, inputs: toInputs(choices) });
            }}
          >
            <StepFields
              projectId={projectId}
              step={row.step}
              choices={choices}
              set={(k, v) => setChoices((c) => ({ ...c, [k]: v }))}
              error={err}
            />
            <div className="flex items-center gap-3">
              <Button type="submit" disabled={start.isPending} variant={row.status === 'succeeded' ? 'secondary' : 'primary'}>
                {row.status === 'pending' ? `Start ${f.name.toLowerCase()}` : `Run ${f.name.toLowerCase()} again`}
              </Button>
              {start.error && !Object.keys((start.error.data as { fieldErrors?: object } | undefined)?.fieldErrors ?? {}).length && (
                <span role="alert" className="text-sm text-red-700">
                  {start.error.message}
                </span>
              )}
            </div>
          </form>
        )}
        {row.status === 'running' && (
          <div className="grid gap-1" data-testid="step-progress">
            <ProgressBar value={job.data?.job.progress ?? 0} label={`${f.name} progress`} />
            <p className="text-sm text-slate-600">
              {row.phase ? `${row.phase.replace(/:moving$/, '')}: ` : ''}
              {job.data?.job.message ?? (row.step === 'compute' ? 'waiting for the pool to grant the allocation' : 'starting…')}
            </p>
          </div>
        )}
        {row.status === 'failed' && (
          <p role="alert" className="text-sm text-red-700">
            {row.error}
          </p>
        )}
        {row.status === 'succeeded' && (
          <div data-testid="step-produced">
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Produced</h3>
            <ArtefactList projectId={projectId} outputs={row.outputs} />
          </div>
        )}
        {onNext && (
          <div>
            <Button type="button" onClick={onNext} disabled={row.status !== 'succeeded'}>
              Next
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}
