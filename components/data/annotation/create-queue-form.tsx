'use client';
// Creates a queue: its name, instructions for raters, how many raters per item, blind or not, and the scale.
import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';

export function CreateQueueForm({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const [name, setName] = useState('');
  const [instructions, setInstructions] = useState('');
  const [overlap, setOverlap] = useState('2');
  const [scale, setScale] = useState('5');
  const [blind, setBlind] = useState(true);
  const create = useMutation(
    trpc.data.annotation.createQueue.mutationOptions({
      onSuccess: (q) => {
        void qc.invalidateQueries({ queryKey: trpc.data.annotation.queues.pathKey() });
        router.push(`/p/${projectId}/data/annotation/${q.id}`);
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ projectId, name, instructions, overlap: Number(overlap), scalePoints: Number(scale), blind });
  };
  return (
    <form onSubmit={submit} noValidate className="grid gap-3" aria-label="Create annotation queue">
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr]">
        <Field
          id="queue-name"
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(create.error, 'name')}
          placeholder="Math answers, week 12"
        />
        <Field
          id="queue-overlap"
          label="Raters per item"
          type="number"
          min={1}
          max={10}
          value={overlap}
          onChange={(e) => setOverlap(e.target.value)}
          error={fieldError(create.error, 'overlap')}
          hint="2 or more to measure agreement"
        />
        <Field
          id="queue-scale"
          label="Scale points"
          type="number"
          min={2}
          max={9}
          value={scale}
          onChange={(e) => setScale(e.target.value)}
          error={fieldError(create.error, 'scalePoints')}
          hint="mapped onto 0..1"
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="queue-instructions" className="text-sm font-medium text-slate-700">
          Instructions for raters
        </label>
        <textarea
          id="queue-instructions"
          rows={3}
          value={instructions}
          onChange={(e) => setInstructions(e.target.value)}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-300"
          placeholder="1 = wrong answer … 5 = correct, and the tool was used properly."
        />
        {fieldError(create.error, 'instructions') && (
          <p role="alert" className="text-xs text-red-700">
            {fieldError(create.error, 'instructions')}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={blind}
            onChange={(e) => setBlind(e.target.checked)}
            className="h-4 w-4 rounded border-slate-300"
          />
          Blind: raters never see others’ or the judge’s ratings
        </label>
        <Button type="submit" disabled={create.isPending}>
          Create queue
        </Button>
      </div>
      {create.error && !create.error.data?.fieldErrors && (
        <p role="alert" className="text-sm text-red-700">
          {create.error.message}
        </p>
      )}
    </form>
  );
}
