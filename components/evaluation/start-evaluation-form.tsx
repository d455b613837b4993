'use client';
// Starts an evaluation: a subject (a registered model or an external endpoint) on a taskset version.
import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';

export function StartEvaluationForm({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const subjects = useQuery(trpc.evaluation.runs.subjects.queryOptions({ projectId }));
  const tasksets = useQuery(trpc.evaluation.tasksets.options.queryOptions({ projectId }));
  const [form, setForm] = useState({ subject: '', tasksetId: '', adversarialCount: '24', stepLimit: '5', seed: '1' });
  const start = useMutation(
    trpc.evaluation.runs.start.mutationOptions({ onSuccess: (r) => router.push(`/p/${projectId}/evaluation/runs/${r.runId}`) }),
  );
  const subject = form.subject || subjects.data?.[0]?.ref || '';
  const tasksetId = form.tasksetId || tasksets.data?.[0]?.id || '';
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate({
      projectId,
      subject,
      tasksetId,
      adversarialCount: Number(form.adversarialCount),
      stepLimit: Number(form.stepLimit),
      seed: Number(form.seed),
    });
  };
  const err = (f: string) => fieldError(start.error, f);
  return (
    <form onSubmit={submit} noValidate aria-label="Start evaluation" className="grid gap-4 md:grid-cols-3">
      <SelectField
        id="eval-subject"
        label="What to evaluate"
        value={subject}
        onChange={set('subject')}
        error={err('subject')}
        options={(subjects.data ?? []).map((s) => ({ value: s.ref, label: `${s.kind === 'model' ? 'Model' : 'Endpoint'}: ${s.label}` }))}
        empty="Nothing to evaluate yet: train a model, or have an admin add an endpoint"
      />
      <SelectField
        id="eval-taskset"
        label="Taskset"
        value={tasksetId}
        onChange={set('tasksetId')}
        error={err('tasksetId')}
        options={(tasksets.data ?? []).map((t) => ({ value: t.id, label: `${t.id} · ${t.caseCount} cases · ${t.difficulty}` }))}
        empty="No taskset yet: create one below"
      />
      <Field
        id="eval-adversarial"
        label="Adversarial cases"
        type="number"
        value={form.adversarialCount}
        onChange={set('adversarialCount')}
        error={err('adversarialCount')}
        hint="Generated per run: injections, planted secrets, PII requests, out-of-task asks"
      />
      <Field id="eval-steps" label="Step limit" type="number" value={form.stepLimit} onChange={set('stepLimit')} error={err('stepLimit')} />
      <Field id="eval-seed" label="Seed" type="number" value={form.seed} onChange={set('seed')} error={err('seed')} />
      <div className="flex items-end">
        <Button type="submit" disabled={start.isPending || !subject || !tasksetId}>
          {start.isPending ? 'Starting…' : 'Start evaluation'}
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
