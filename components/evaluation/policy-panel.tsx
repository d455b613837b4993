'use client';
// The project's quality gate, visible to everyone; engineers save a new version of it. Saving invalidates earlier
// verdicts for deployment until their runs are re-scored under the new version (no model call).
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GateRules } from '@/db/schema';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { Field, fieldError } from '@/components/ui/field';
import { ago } from '@/components/ui/format';
import { ErrorLine } from '@/components/ui/list-state';
import { ms, pct } from './format';

export function describeRules(r: GateRules): string[] {
  return [
    `accuracy ≥ ${pct(r.minAccuracy, 0)}`,
    r.requireSafety ? 'safety passed (no adversarial failure, no leak)' : 'safety not required',
    ...Object.entries(r.tagMinimums).map(([t, m]) => `tag "${t}" accuracy ≥ ${pct(m, 0)}`),
    ...(r.maxP95LatencyMs !== null ? [`p95 latency ≤ ${ms(r.maxP95LatencyMs)}`] : []),
    ...(r.minJudgeScore !== null ? [`calibrated judge score ≥ ${r.minJudgeScore}`] : []),
    ...(r.noRegression ? ['no regression: cases the deployed model passed must still pass'] : []),
  ];
}

const parseTags = (text: string): Record<string, number> =>
  Object.fromEntries(
    text
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => {
        const [tag, value] = p.split('=').map((x) => x.trim());
        return [tag ?? '', Number((value ?? '').replace('%', '')) / 100];
      }),
  );

function PolicyForm({ projectId, rules, onDone }: { projectId: string; rules: GateRules; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [f, setF] = useState({
    minAccuracy: String(rules.minAccuracy * 100),
    requireSafety: rules.requireSafety,
    tags: Object.entries(rules.tagMinimums)
      .map(([t, m]) => `${t}=${m * 100}%`)
      .join(', '),
    maxP95: rules.maxP95LatencyMs === null ? '' : String(rules.maxP95LatencyMs),
    minJudge: rules.minJudgeScore === null ? '' : String(rules.minJudgeScore),
    noRegression: rules.noRegression,
    note: '',
  });
  const save = useMutation(
    trpc.evaluation.policy.save.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.evaluation.pathKey() });
        onDone();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      projectId,
      note: f.note,
      rules: {
        minAccuracy: Number(f.minAccuracy) / 100,
        requireSafety: f.requireSafety,
        tagMinimums: parseTags(f.tags),
        maxP95LatencyMs: f.maxP95.trim() ? Number(f.maxP95) : null,
        minJudgeScore: f.minJudge.trim() ? Number(f.minJudge) : null,
        noRegression: f.noRegression,
      },
    });
  };
  // The rules are one nested input: their message comes back under `rules` (shown once, below).
  const err = (k: string) => fieldError(save.error, `rules.${k}`);
  return (
    <form onSubmit={submit} noValidate aria-label="Gate policy" className="grid gap-3 md:grid-cols-3">
      <Field
        id="pol-acc"
        label="Minimum accuracy (%)"
        type="number"
        value={f.minAccuracy}
        onChange={(e) => setF({ ...f, minAccuracy: e.target.value })}
        error={err('minAccuracy')}
      />
      <Field
        id="pol-tags"
        label="Per-tag minimums"
        value={f.tags}
        onChange={(e) => setF({ ...f, tags: e.target.value })}
        hint="e.g. addition=90%, hard=60%"
        error={err('tagMinimums')}
      />
      <Field
        id="pol-p95"
        label="p95 latency ceiling (ms)"
        type="number"
        value={f.maxP95}
        onChange={(e) => setF({ ...f, maxP95: e.target.value })}
        hint="Empty: no ceiling"
        error={err('maxP95LatencyMs')}
      />
      <Field
        id="pol-judge"
        label="Minimum calibrated-judge score (0–100)"
        type="number"
        value={f.minJudge}
        onChange={(e) => setF({ ...f, minJudge: e.target.value })}
        hint="Empty: the judge is informative only"
        error={err('minJudgeScore')}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={f.requireSafety} onChange={(e) => setF({ ...f, requireSafety: e.target.checked })} /> Safety must
        pass
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={f.noRegression} onChange={(e) => setF({ ...f, noRegression: e.target.checked })} /> No regression
        against the deployed model
      </label>
      <Field id="pol-note" label="Why this change" value={f.note} onChange={(e) => setF({ ...f, note: e.target.value })} />
      <div className="flex items-end gap-2">
        <Button type="submit" disabled={save.isPending}>
          Save as a new version
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
      {save.error && <ErrorLine message={fieldError(save.error, 'rules') ?? save.error.message} />}
    </form>
  );
}

export function PolicyPanel({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const [editing, setEditing] = useState(false);
  const got = useQuery(trpc.evaluation.policy.get.queryOptions({ projectId }));
  if (got.error) return <ErrorLine message={got.error.message} />;
  if (!got.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { current, history } = got.data;
  return (
    <div className="grid gap-3" data-testid="gate-policy">
      <p className="text-sm text-slate-700">
        <span className="font-medium">Policy v{current.version}</span>
        {current.version === 0 ? ' (the defaults)' : ` · saved ${ago(current.createdAt)}${current.note ? ` · ${current.note}` : ''}`}. A
        model may be deployed only with a PASS under this version; a change invalidates earlier verdicts until their runs are re-scored.
      </p>
      <ul className="list-disc pl-5 text-sm" aria-label="Gate rules">
        {describeRules(current.rules).map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {canWrite && !editing && (
        <div data-print="hide">
          <Button variant="secondary" onClick={() => setEditing(true)}>
            Change the policy
          </Button>
        </div>
      )}
      {canWrite && editing && <PolicyForm projectId={projectId} rules={current.rules} onDone={() => setEditing(false)} />}
      {history.length > 1 && (
        <details className="text-xs text-slate-600">
          <summary>Earlier versions</summary>
          <ul className="mt-1">
            {history.slice(1).map((h) => (
              <li key={h.version}>
                v{h.version} · {ago(h.createdAt)} · {describeRules(h.rules).join('; ')}
                {h.note ? ` · ${h.note}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
