'use client';
// Asks a pool for resources — the local one, or a cluster's partition (a Slurm job) — granted at once, queued with a
// reason, or refused with the reason beside the form.
import { useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';

const POOLS = [
  { value: 'training', label: 'training' },
  { value: 'inference', label: 'inference' },
];
const KINDS = [
  { value: 'cpu', label: 'CPU' },
  { value: 'gpu', label: 'GPU' },
];
const DEFAULTS = {
  pool: 'local',
  poolType: 'training',
  resourceType: 'cpu',
  count: '1',
  cpus: '1',
  timeLimitMinutes: '60',
  memoryMb: '1024',
  priority: '0',
  purpose: '',
  jobId: '',
};

export function RequestForm({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [form, setForm] = useState(DEFAULTS);
  const set = (k: keyof typeof DEFAULTS) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const request = useMutation(
    trpc.compute.request.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.compute.pathKey() }) }),
  );
  const err = (field: string) => fieldError(request.error, field);
  const clusters = useQuery(trpc.compute.clusters.list.queryOptions({ projectId }));
  const pools = [
    { value: 'local', label: 'this machine and remote workers' },
    ...(clusters.data ?? []).flatMap((c) =>
      (c.lastPools ?? []).map((p) => ({ value: `${c.id}|${p.partition}`, label: `${c.name} · partition ${p.partition}` })),
    ),
  ];
  const [clusterId, partition] = form.pool === 'local' ? [undefined, undefined] : form.pool.split('|');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Empty number inputs go to the server as NaN so the field says "Enter a number" rather than silently using 0.
    const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
    request.mutate({
      projectId,
      poolType: form.poolType as 'training' | 'inference',
      resourceType: form.resourceType as 'cpu' | 'gpu',
      count: num(form.count),
      memoryMb: num(form.memoryMb),
      priority: clusterId ? 0 : num(form.priority),
      purpose: form.purpose,
      jobId: form.jobId,
      ...(clusterId ? { clusterId, partition, cpus: num(form.cpus), timeLimitMinutes: num(form.timeLimitMinutes) } : {}),
    });
  };

  const result = request.data;
  const general = request.error && !request.error.data?.fieldErrors ? request.error.message : null;
  return (
    <form onSubmit={submit} noValidate aria-label="Request resources" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-start gap-3">
        <SelectField
          id="alloc-where"
          label="Pool"
          value={form.pool}
          onChange={set('pool')}
          options={pools}
          error={err('clusterId') ?? err('partition')}
          hint={clusterId ? 'a Slurm job: Slurm decides when it starts' : undefined}
        />
        <SelectField
          id="alloc-pool"
          label="Pool type"
          value={form.poolType}
          onChange={set('poolType')}
          options={POOLS}
          error={err('poolType')}
        />
        <SelectField
          id="alloc-kind"
          label="Resource"
          value={form.resourceType}
          onChange={set('resourceType')}
          options={KINDS}
          error={err('resourceType')}
        />
        <Field
          id="alloc-count"
          label="Count"
          type="number"
          min={1}
          value={form.count}
          onChange={set('count')}
          error={err('count')}
          hint={form.resourceType === 'gpu' ? 'whole GPUs' : 'CPU cores'}
          className="w-24"
        />
        <Field
          id="alloc-memory"
          label="Memory (MB)"
          type="number"
          min={0}
          value={form.memoryMb}
          onChange={set('memoryMb')}
          error={err('memoryMb')}
          className="w-32"
        />
        {clusterId && (
          <>
            <Field
              id="alloc-cpus"
              label="CPU cores"
              type="number"
              min={1}
              value={form.cpus}
              onChange={set('cpus')}
              error={err('cpus')}
              hint="beside the GPUs"
              className="w-24"
            />
            <Field
              id="alloc-time"
              label="Time limit (min)"
              type="number"
              min={1}
              value={form.timeLimitMinutes}
              onChange={set('timeLimitMinutes')}
              error={err('timeLimitMinutes')}
              className="w-28"
            />
          </>
        )}
        {!clusterId && (
          <Field
            id="alloc-priority"
            label="Priority"
            type="number"
            value={form.priority}
            onChange={set('priority')}
            error={err('priority')}
            hint="higher goes first"
            className="w-24"
          />
        )}
        <Field
          id="alloc-purpose"
          label="Purpose"
          value={form.purpose}
          onChange={set('purpose')}
          error={err('purpose')}
          placeholder="e.g. math agent training"
          className="w-56"
        />
        <Field
          id="alloc-job"
          label="Job id (optional)"
          value={form.jobId}
          onChange={set('jobId')}
          error={err('jobId')}
          hint="released when the job ends"
          className="w-56"
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={request.isPending}>
          Request
        </Button>
        <div aria-live="polite" className="text-sm">
          {general && (
            <p role="alert" className="text-red-700">
              {general}
            </p>
          )}
          {result?.outcome === 'refused' && (
            <p role="alert" data-testid="request-refused" className="text-red-700">
              Refused: {result.reason}
            </p>
          )}
          {result && result.outcome !== 'refused' && (
            <p
              data-testid="request-outcome"
              data-outcome={result.outcome}
              className={result.outcome === 'granted' ? 'text-emerald-700' : 'text-amber-700'}
            >
              <Link className="font-mono underline" href={`/p/${projectId}/compute/${result.allocation.id}`}>
                {result.allocation.id}
              </Link>{' '}
              {result.outcome === 'granted'
                ? `granted on ${result.allocation.machineName}.`
                : result.allocation.clusterId
                  ? `submitted as Slurm job ${result.allocation.externalJobId}: queued until Slurm starts it (the queue below says why it waits).`
                  : 'queued: the queue below says why it waits and when it should start.'}
            </p>
          )}
        </div>
      </div>
    </form>
  );
}
