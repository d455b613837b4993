'use client';
// Starts a training run: dataset version + validated scenario + an allocation (one of the granted ones, or a new one
// requested for the run, the default) + base, with sane defaults.
import { useState, type ChangeEvent, type FormEvent } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';

/** What the form may be opened with (an evaluation's "back to training" sends the failed cases' dataset and lineage). */
export type TrainingPrefill = Partial<
  Record<'name' | 'datasetId' | 'scenarioId' | 'base' | 'epochs' | 'maxSeconds' | 'modelSize' | 'sentBackBy', string>
>;

export function StartTrainingForm({ projectId, prefill = {} }: { projectId: string; prefill?: TrainingPrefill }) {
  const trpc = useTRPC();
  const router = useRouter();
  const options = useQuery(trpc.training.options.queryOptions({ projectId }));
  const [form, setForm] = useState({
    name: prefill.name ?? 'math-agent',
    datasetId: prefill.datasetId ?? '',
    scenarioId: prefill.scenarioId ?? '',
    allocationId: '',
    base: prefill.base ?? 'builtin:char-transformer',
    epochs: prefill.epochs ?? '4',
    maxSeconds: prefill.maxSeconds ?? '300',
    modelSize: prefill.modelSize ?? 'small',
  });
  const start = useMutation(
    trpc.training.start.mutationOptions({ onSuccess: (r) => router.push(`/p/${projectId}/training/runs/${r.runId}`) }),
  );
  const set = (k: keyof typeof form) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const o = options.data;
  // Until the user picks, each select shows (and the form sends) the first usable option.
  const datasetId = form.datasetId || o?.datasets[0]?.id || '';
  const scenarioId = form.scenarioId || o?.scenarios.find((s) => s.validationStatus === 'passed')?.id || '';
  // '' = request a new allocation for the run (it waits, saying why, until Compute grants it).
  const allocationId = form.allocationId;
  const base = o?.bases.find((b) => b.id === form.base);
  const hosted = !!base?.needsGpu;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate({
      projectId,
      name: form.name,
      datasetId,
      scenarioId,
      ...(allocationId ? { allocationId } : {}),
      base: form.base,
      epochs: Number(form.epochs),
      maxSeconds: Number(form.maxSeconds),
      modelSize: form.modelSize as 'tiny' | 'small' | 'medium',
      ...(prefill.sentBackBy ? { sentBackBy: prefill.sentBackBy } : {}),
    });
  };
  const err = (f: string) => fieldError(start.error, f);

  return (
    <form onSubmit={submit} noValidate aria-label="Start training" className="grid gap-4 md:grid-cols-3">
      {prefill.sentBackBy && (
        <p className="text-sm text-amber-800 md:col-span-3" data-testid="sent-back-by">
          Sent back by evaluation{' '}
          <Link className="font-mono text-indigo-700 hover:underline" href={`/p/${projectId}/evaluation/runs/${prefill.sentBackBy}`}>
            {prefill.sentBackBy}
          </Link>
          : its failed cases are in {prefill.datasetId} (wait until it is built), and the new model&apos;s lineage will point at it.
        </p>
      )}
      <Field id="run-name" label="Run name" value={form.name} onChange={set('name')} error={err('name')} />
      <SelectField
        id="run-dataset"
        label="Dataset version"
        value={datasetId}
        onChange={set('datasetId')}
        error={err('datasetId')}
        options={(o?.datasets ?? []).map((d) => ({ value: d.id, label: `${d.id} · ${d.trainCount} train / ${d.validationCount} val` }))}
        empty="No built dataset yet: build one on the Data page"
      />
      <SelectField
        id="run-scenario"
        label="Scenario"
        value={scenarioId}
        onChange={set('scenarioId')}
        error={err('scenarioId')}
        options={(o?.scenarios ?? []).map((s) => ({ value: s.id, label: `${s.id} · ${s.validationStatus}` }))}
        empty="No scenario yet: create one on the Environment page"
      />
      <SelectField
        id="run-allocation"
        label="Allocation"
        value={allocationId}
        onChange={set('allocationId')}
        error={err('allocationId')}
        options={[
          { value: '', label: hosted ? 'Request one for this run (1 GPU, 16 GB)' : 'Request one for this run (1 CPU core, 1 GB)' },
          ...(o?.allocations ?? []).map((a) => ({
            value: a.id,
            label: `${a.id} · ${a.count} ${a.resourceType} · ${a.memoryMb} MB · ${a.poolType}`,
          })),
        ]}
        hint={
          <>
            The run waits until its allocation is granted.{' '}
            <Link className="text-indigo-700 hover:underline" href={`/p/${projectId}/compute`}>
              Compute page →
            </Link>
          </>
        }
      />
      <SelectField
        id="run-base"
        label="Base"
        value={form.base}
        onChange={set('base')}
        error={err('base')}
        options={(o?.bases ?? []).map((b) => ({ value: b.id, label: b.label }))}
        empty="Nothing to choose"
        hint={
          base &&
          (base.needsGpu ? (
            <span data-testid="base-hint">
              {base.description} It runs on {base.requirement}; until one is online the run waits in the queue, saying so.
            </span>
          ) : (
            <span data-testid="base-hint">{base.description}</span>
          ))
        }
      />
      {hosted ? (
        <p className="self-end text-xs text-slate-500 md:col-span-1">
          Model size and time budget apply to the built-in base only: a hosted base is fine-tuned by its provider with these epochs, batch
          size and learning rate.
        </p>
      ) : (
        <SelectField
          id="run-size"
          label="Model size"
          value={form.modelSize}
          onChange={set('modelSize')}
          error={err('modelSize')}
          options={[
            { value: 'tiny', label: 'tiny (~25k parameters)' },
            { value: 'small', label: 'small (~125k parameters)' },
            { value: 'medium', label: 'medium (~400k parameters)' },
          ]}
        />
      )}
      <Field id="run-epochs" label="Epochs" type="number" value={form.epochs} onChange={set('epochs')} error={err('epochs')} />
      {!hosted && (
        <Field
          id="run-budget"
          label="Time budget (seconds)"
          type="number"
          value={form.maxSeconds}
          onChange={set('maxSeconds')}
          error={err('maxSeconds')}
          hint="Training stops and registers the model when it runs out."
        />
      )}
      <div className="flex items-end">
        <Button type="submit" disabled={start.isPending}>
          {start.isPending ? 'Starting…' : 'Start training'}
        </Button>
      </div>
      {start.error && !start.error.data?.fieldErrors && (
        <p role="alert" className="text-sm text-red-700 md:col-span-3">
          {start.error.message}
        </p>
      )}
    </form>
  );
}
