'use client';
// Starts a cleaning run and follows it here, so the engineer sees it move without leaving the page. Only one run
// per project may be active (two would race over which copy is the original): that refusal is shown as the server
// words it, with the way out (open the run in progress).
import { useEffect, useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { isActive } from '@/components/ui/format';
import type { CleanRunDetail } from './format';
import { RunStatus } from './run-status';

export function StartRunForm({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [scope, setScope] = useState<'raw' | 'all'>('raw');
  const [started, setStarted] = useState<CleanRunDetail | null>(null);
  const start = useMutation(
    trpc.data.cleaning.start.mutationOptions({
      onSuccess: (run) => {
        setStarted(run);
        void qc.invalidateQueries({ queryKey: trpc.data.cleaning.runs.pathKey() });
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate({ projectId, scope });
  };
  const conflict = start.error?.data?.code === 'CONFLICT';
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Run cleaning">
      <p className="text-sm text-slate-600">
        Filters junk, redacts personal data and secrets, and drops exact and near duplicates. Raw texts are never changed: the cleaned text
        is stored beside them.
      </p>
      <fieldset className="flex flex-col gap-2 text-sm">
        <legend className="mb-1 font-medium text-slate-700">Events to clean</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="clean-scope" value="raw" checked={scope === 'raw'} onChange={() => setScope('raw')} className="mt-1" />
          <span>
            New events only{' '}
            <span className="text-slate-500">
              — events no run has cleaned yet; earlier kept ones still count as originals for duplicates.
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="clean-scope" value="all" checked={scope === 'all'} onChange={() => setScope('all')} className="mt-1" />
          <span>
            All events <span className="text-slate-500">— clean everything again, e.g. after the filters changed.</span>
          </span>
        </label>
      </fieldset>
      {start.error && (
        <p role="alert" className="text-sm text-red-700" data-error-code={start.error.data?.code}>
          {conflict ? 'Cannot start: ' : ''}
          {start.error.message}
        </p>
      )}
      <div>
        <Button type="submit" disabled={start.isPending}>
          {start.isPending ? 'Starting…' : 'Start cleaning'}
        </Button>
      </div>
      {started && <StartedRun key={started.id} projectId={projectId} initial={started} />}
    </form>
  );
}

/** The run just started, polled until it ends; then the lists that depend on it are refreshed once. */
function StartedRun({ projectId, initial }: { projectId: string; initial: CleanRunDetail }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const runId = initial.id;
  const run = useQuery({
    ...trpc.data.cleaning.run.queryOptions({ projectId, runId }),
    // The start's answer is the run as queued: show it at once rather than "loading" while the first poll is out.
    initialData: initial,
    initialDataUpdatedAt: 0,
    refetchInterval: (q) => (q.state.data && !isActive(q.state.data.status) ? false : 1000),
  });
  const r = run.data;
  const ended = !!r && !isActive(r.status);
  useEffect(() => {
    if (ended) void qc.invalidateQueries({ queryKey: trpc.data.cleaning.runs.pathKey() });
  }, [ended, qc, trpc]);
  return (
    <div
      className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
      data-testid="started-run"
      data-status={r?.status ?? 'queued'}
    >
      <div className="mb-2 flex items-center justify-between gap-3">
        <span>
          Run <span className="font-mono">{runId}</span>
        </span>
        <Link href={`/p/${projectId}/data/cleaning/${runId}`} className="font-medium text-indigo-700 hover:underline">
          Open report →
        </Link>
      </div>
      {r ? <RunStatus run={r} wide /> : <p className="text-slate-500">Loading…</p>}
      {r?.status === 'succeeded' && (
        <p className="mt-2 text-slate-700" data-testid="started-run-summary">
          {r.kept.toLocaleString()} kept, {r.filtered.toLocaleString()} filtered, {r.redacted.toLocaleString()} with redactions.
        </p>
      )}
    </div>
  );
}
