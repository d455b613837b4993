'use client';
// Hands the queue's items to raters: round-robin so each item gets the queue's overlap, or everyone rates everything.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { fieldError } from '@/components/ui/field';

export function AssignForm({ projectId, queueId, overlap }: { projectId: string; queueId: string; overlap: number }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const raters = useQuery(trpc.data.annotation.raters.queryOptions({ projectId }));
  const [strategy, setStrategy] = useState<'round_robin' | 'everyone'>('round_robin');
  const [picked, setPicked] = useState<string[]>([]);
  const assign = useMutation(
    trpc.data.annotation.assign.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.data.annotation.pathKey() }) }),
  );
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    assign.mutate({ projectId, queueId, strategy, ...(picked.length ? { userIds: picked } : {}) });
  };
  const pickError = fieldError(assign.error, 'userIds');
  return (
    <form onSubmit={submit} noValidate className="grid gap-3" aria-label="Assign items">
      <div className="flex flex-col gap-2 text-sm" role="radiogroup" aria-label="How to assign">
        <label className="flex items-center gap-1.5">
          <input type="radio" name="assign-strategy" checked={strategy === 'round_robin'} onChange={() => setStrategy('round_robin')} />
          Round-robin: each item gets {overlap} distinct rater{overlap > 1 ? 's' : ''}, loads kept even
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="assign-strategy" checked={strategy === 'everyone'} onChange={() => setStrategy('everyone')} />
          Everyone picked rates every item (a calibration set)
        </label>
      </div>
      <fieldset className="rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">
          Raters{' '}
          {strategy === 'round_robin' && <span className="font-normal text-slate-500">(none picked: all the project’s annotators)</span>}
        </legend>
        {raters.isLoading ? (
          <p className="text-sm text-slate-500">Loading members…</p>
        ) : !raters.data?.length ? (
          <p className="text-sm text-slate-500">This project has no members who may rate. Add annotators in Settings.</p>
        ) : (
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            {raters.data.map((r) => (
              <label key={r.userId} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" checked={picked.includes(r.userId)} onChange={() => toggle(r.userId)} />
                {r.name} <span className="text-xs text-slate-500">{r.role}</span>
              </label>
            ))}
          </div>
        )}
        {pickError && (
          <p role="alert" className="mt-2 text-xs text-red-700">
            {pickError}
          </p>
        )}
      </fieldset>
      <div className="flex items-center justify-between gap-3">
        {assign.data ? (
          <p className="text-sm text-emerald-700" data-testid="assign-result">
            {assign.data.assigned} new assignment{assign.data.assigned === 1 ? '' : 's'} across {assign.data.raters} rater
            {assign.data.raters === 1 ? '' : 's'}
            {assign.data.shortItems ? `; ${assign.data.shortItems} items are short of ${overlap} raters` : ''}.
          </p>
        ) : (
          <span />
        )}
        <Button type="submit" disabled={assign.isPending}>
          Assign
        </Button>
      </div>
      {assign.error && !pickError && (
        <p role="alert" className="text-sm text-red-700">
          {assign.error.message}
        </p>
      )}
    </form>
  );
}
