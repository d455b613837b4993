'use client';
// Starts a diagnostic job: proves that a worker on the chosen queue is alive and reporting.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';

export function RunDiagnosticForm({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [steps, setSteps] = useState('10');
  const [queue, setQueue] = useState('default');
  const run = useMutation(
    trpc.jobs.runDiagnostic.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.jobs.pathKey() }) }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate({ projectId, queue, steps: Number(steps), stepMs: 500, failAttempts: 0 });
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3" aria-label="Run a diagnostic job">
      <Field
        id="diag-steps"
        label="Steps"
        type="number"
        value={steps}
        onChange={(e) => setSteps(e.target.value)}
        error={fieldError(run.error, 'steps')}
        className="w-24"
      />
      <Field
        id="diag-queue"
        label="Queue"
        value={queue}
        onChange={(e) => setQueue(e.target.value)}
        error={fieldError(run.error, 'queue')}
        hint="default: this server; gpu: remote workers"
        className="w-40"
      />
      <Button type="submit" disabled={run.isPending}>
        Run diagnostic job
      </Button>
    </form>
  );
}
