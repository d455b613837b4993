'use client';
// Steps through one trajectory turn by turn (buttons or ← →), with the case, its verdict and why, and links to the
// neighbouring cases of the run.
import { useCallback, useEffect, useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { TrajectoryStepView } from './trajectory-step';
import { ErrorLine } from '@/components/ui/list-state';

const STOP_LABEL: Record<string, string> = {
  answer: 'gave a final answer',
  step_limit: 'hit the step limit',
  policy_error: 'the policy failed',
};

export function TrajectoryViewer({ projectId, trajectoryId }: { projectId: string; trajectoryId: string }) {
  const trpc = useTRPC();
  const got = useQuery(trpc.environment.runs.trajectory.queryOptions({ projectId, trajectoryId }));
  const [at, setAt] = useState(0);
  // A different trajectory starts at its first step (state adjusted while rendering, not in an effect).
  const [shownId, setShownId] = useState(trajectoryId);
  if (shownId !== trajectoryId) {
    setShownId(trajectoryId);
    setAt(0);
  }
  const count = got.data?.trajectory.steps.length ?? 0;
  const move = useCallback((by: number) => setAt((i) => Math.max(0, Math.min(count - 1, i + by))), [count]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName)) return;
      if (e.key === 'ArrowRight') move(1);
      if (e.key === 'ArrowLeft') move(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move]);

  if (got.error) return <ErrorLine message={got.error.message} />;
  if (!got.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { trajectory: t, run, prevId, nextId } = got.data;
  const step = t.steps[at];
  return (
    <div className="grid gap-6">
      <Card
        title={
          <span className="flex items-center gap-2">
            Case #{t.position} <Badge tone={t.passed ? 'success' : 'danger'}>{t.passed ? 'passed' : 'failed'}</Badge>
          </span>
        }
        actions={
          <span className="flex gap-3 text-sm">
            {prevId && (
              <Link href={`/p/${projectId}/environment/trajectories/${prevId}`} className="text-indigo-700 hover:underline">
                ← previous case
              </Link>
            )}
            {nextId && (
              <Link href={`/p/${projectId}/environment/trajectories/${nextId}`} className="text-indigo-700 hover:underline">
                next case →
              </Link>
            )}
          </span>
        }
      >
        <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">Prompt</dt>
          <dd data-testid="trajectory-prompt">{t.prompt}</dd>
          <dt className="text-slate-500">Expected</dt>
          <dd className="font-mono">{t.expected}</dd>
          <dt className="text-slate-500">Verdict</dt>
          <dd data-testid="trajectory-explanation">{t.explanation}</dd>
          <dt className="text-slate-500">Ended</dt>
          <dd>
            {STOP_LABEL[t.stopReason] ?? t.stopReason} after {t.steps.length} step{t.steps.length === 1 ? '' : 's'} · {t.latencyMs} ms
          </dd>
          <dt className="text-slate-500">Run</dt>
          <dd>
            <Link href={`/p/${projectId}/environment/runs/${t.runId}`} className="font-mono text-indigo-700 hover:underline">
              {t.runId}
            </Link>{' '}
            · {run?.run.policyName ?? run?.run.policy} on {t.scenarioId}
          </dd>
        </dl>
      </Card>
      <Card
        title={
          <span data-testid="step-counter">
            Step {count ? at + 1 : 0} of {count}
          </span>
        }
        actions={
          <span className="flex items-center gap-2">
            <span className="text-xs text-slate-500">← → to step</span>
            <Button variant="secondary" onClick={() => move(-1)} disabled={at <= 0}>
              Previous step
            </Button>
            <Button variant="secondary" onClick={() => move(1)} disabled={at >= count - 1}>
              Next step
            </Button>
          </span>
        }
      >
        <ol className="mb-4 flex flex-wrap gap-1" aria-label="Steps">
          {t.steps.map((s, i) => (
            <li key={i}>
              <button
                onClick={() => setAt(i)}
                aria-current={i === at ? 'step' : undefined}
                className={`rounded-full px-2.5 py-0.5 text-xs ${i === at ? 'bg-indigo-600 text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200'}`}
              >
                {i + 1}. {s.call ? s.call.tool : s.answer !== undefined ? 'answer' : 'turn'}
              </button>
            </li>
          ))}
        </ol>
        {step ? (
          <TrajectoryStepView step={step} index={at} />
        ) : (
          <p className="text-sm text-slate-500">The agent took no step (its policy failed before writing anything).</p>
        )}
      </Card>
    </div>
  );
}
