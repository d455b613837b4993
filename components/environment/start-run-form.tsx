'use client';
// Starts a run: which agent (the baseline, or a registered model once Training has made one), step limit, seed.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';

export function StartRunForm({ projectId, scenarioId }: { projectId: string; scenarioId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const policies = useQuery(trpc.environment.policies.queryOptions({ projectId }));
  const [policy, setPolicy] = useState('baseline');
  const [stepLimit, setStepLimit] = useState('5');
  const [seed, setSeed] = useState('1');
  const start = useMutation(
    trpc.environment.runs.start.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.environment.pathKey() }) }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate({ projectId, scenarioId, policy, stepLimit: Number(stepLimit), seed: Number(seed) });
  };
  const options = (policies.data ?? [{ ref: 'baseline', label: 'Baseline', description: '' }]).map((p) => ({
    value: p.ref,
    label: p.label,
  }));
  const chosen = policies.data?.find((p) => p.ref === policy);
  return (
    <form onSubmit={submit} noValidate className="grid gap-3" aria-label="Run an agent">
      <div className="flex flex-wrap items-start gap-3">
        <SelectField
          id="run-policy"
          label="Agent"
          value={policy}
          onChange={(e) => setPolicy(e.target.value)}
          options={options}
          error={fieldError(start.error, 'policy')}
          className="w-72"
        />
        <Field
          id="run-steps"
          label="Step limit"
          type="number"
          min={1}
          max={20}
          value={stepLimit}
          onChange={(e) => setStepLimit(e.target.value)}
          error={fieldError(start.error, 'stepLimit')}
          className="w-24"
        />
        <Field
          id="run-seed"
          label="Seed"
          type="number"
          min={0}
          value={seed}
          onChange={(e) => setSeed(e.target.value)}
          error={fieldError(start.error, 'seed')}
          className="w-24"
        />
        <Button type="submit" disabled={start.isPending} className="mt-6">
          Start run
        </Button>
      </div>
      {chosen?.description && <p className="text-xs text-slate-500">{chosen.description}</p>}
      {start.error && !['policy', 'stepLimit', 'seed'].some((f) => fieldError(start.error, f)) && (
        <p role="alert" className="text-sm text-red-700">
          {start.error.message}
        </p>
      )}
    </form>
  );
}
