'use client';
// Fills a queue with events: the newest that match a filter, or a seeded random sample of them.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';

const SOURCES = ['', 'api', 'upload', 'environment', 'runtime', 'seed'] as const;

export function AddItemsForm({ projectId, queueId }: { projectId: string; queueId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [mode, setMode] = useState<'sample' | 'filter'>('sample');
  const [count, setCount] = useState('50');
  const [seed, setSeed] = useState('1');
  const [agentId, setAgentId] = useState('');
  const [source, setSource] = useState<(typeof SOURCES)[number]>('');
  const [cleanedOnly, setCleanedOnly] = useState(false);
  const [notYetRated, setNotYetRated] = useState(true);
  const add = useMutation(
    trpc.data.annotation.addItems.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.data.annotation.pathKey() }) }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const filter = { ...(agentId.trim() ? { agentId: agentId.trim() } : {}), ...(source ? { source } : {}), cleanedOnly, notYetRated };
    add.mutate(
      mode === 'sample'
        ? { projectId, queueId, mode, filter, n: Number(count), seed: Number(seed) }
        : { projectId, queueId, mode, filter, limit: Number(count) },
    );
  };
  const countError = fieldError(add.error, mode === 'sample' ? 'n' : 'limit');
  return (
    <form onSubmit={submit} noValidate className="grid gap-3" aria-label="Add items">
      <div className="flex gap-4 text-sm" role="radiogroup" aria-label="How to pick events">
        {(['sample', 'filter'] as const).map((m) => (
          <label key={m} className="flex items-center gap-1.5">
            <input type="radio" name="add-mode" checked={mode === m} onChange={() => setMode(m)} />
            {m === 'sample' ? 'Random sample (seeded)' : 'Newest matching the filter'}
          </label>
        ))}
      </div>
      <div className="grid gap-3 sm:grid-cols-4">
        <Field id="add-agent" label="Agent" value={agentId} onChange={(e) => setAgentId(e.target.value)} placeholder="any agent" />
        <div className="flex flex-col gap-1">
          <label htmlFor="add-source" className="text-sm font-medium text-slate-700">
            Source
          </label>
          <select
            id="add-source"
            value={source}
            onChange={(e) => setSource(e.target.value as typeof source)}
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {s || 'any source'}
              </option>
            ))}
          </select>
        </div>
        <Field
          id="add-count"
          label={mode === 'sample' ? 'Sample size' : 'At most'}
          type="number"
          min={1}
          value={count}
          onChange={(e) => setCount(e.target.value)}
          error={countError}
        />
        {mode === 'sample' && (
          <Field
            id="add-seed"
            label="Seed"
            type="number"
            min={0}
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
            hint="same seed, same sample"
            error={fieldError(add.error, 'seed')}
          />
        )}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
        <span className="flex flex-wrap gap-4">
          <label className="flex items-center gap-1.5">
            <input type="checkbox" checked={cleanedOnly} onChange={(e) => setCleanedOnly(e.target.checked)} /> Cleaned only
          </label>
          <label className="flex items-center gap-1.5">
            <input type="checkbox" checked={notYetRated} onChange={(e) => setNotYetRated(e.target.checked)} /> Not yet rated
          </label>
          <span className="text-xs text-slate-500">Events cleaning filtered out are never added.</span>
        </span>
        <Button type="submit" disabled={add.isPending}>
          Add items
        </Button>
      </div>
      {add.data && (
        <p className="text-sm text-emerald-700" data-testid="add-items-result">
          Added {add.data.added} item{add.data.added === 1 ? '' : 's'}.
        </p>
      )}
      {add.error && !countError && (
        <p role="alert" className="text-sm text-red-700">
          {add.error.message}
        </p>
      )}
    </form>
  );
}
