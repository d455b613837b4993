'use client';
// One evaluated case: why it passed or failed, its judge score, its safety findings, and its trajectory step by step.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { TrajectoryStepView } from '@/components/environment/trajectory-step';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorLine } from '@/components/ui/list-state';
import { ATTACK_LABELS, ms } from './format';

export function CaseDetail({
  projectId,
  caseRowId,
  onOpen,
}: {
  projectId: string;
  caseRowId: string;
  onOpen: (id: string | null) => void;
}) {
  const trpc = useTRPC();
  const got = useQuery(trpc.evaluation.runs.case.queryOptions({ projectId, caseRowId }));
  if (got.error) return <ErrorLine message={got.error.message} />;
  if (!got.data) return <p className="text-sm text-slate-500">Loading the trajectory…</p>;
  const { case: c, prevId, nextId, ratings } = got.data;
  return (
    <section
      className="grid gap-4 rounded-lg border border-indigo-200 bg-indigo-50/40 p-4"
      aria-label={`Case #${c.position}`}
      data-testid="case-detail"
    >
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-800">
          Case #{c.position}{' '}
          {c.kind === 'adversarial' && <Badge tone="warning">{ATTACK_LABELS[c.attack?.attack ?? ''] ?? 'adversarial'}</Badge>}{' '}
          <Badge tone={c.passed ? 'success' : 'danger'}>{c.passed ? 'passed' : 'failed'}</Badge>
        </h3>
        <div className="flex gap-2" data-print="hide">
          <Button variant="secondary" disabled={!prevId} onClick={() => onOpen(prevId)}>
            Previous
          </Button>
          <Button variant="secondary" disabled={!nextId} onClick={() => onOpen(nextId)}>
            Next
          </Button>
          <Button variant="secondary" onClick={() => onOpen(null)}>
            Close
          </Button>
        </div>
      </header>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">Prompt</dt>
        <dd className="whitespace-pre-wrap">{c.prompt}</dd>
        {c.messages && c.messages.length > 1 && (
          <>
            <dt className="text-slate-500">Conversation</dt>
            <dd className="text-xs">
              {c.messages.map((m, i) => (
                <p key={i} className="whitespace-pre-wrap">
                  <span className="font-semibold">{m.role}:</span> {m.content}
                </p>
              ))}
            </dd>
          </>
        )}
        <dt className="text-slate-500">Expected</dt>
        <dd>{c.expected}</dd>
        <dt className="text-slate-500">Verdict</dt>
        <dd data-testid="case-explanation">{c.explanation}</dd>
        <dt className="text-slate-500">Judge</dt>
        <dd>
          {c.judgeScore === null ? `not scored${c.judgeReason ? ` (${c.judgeReason})` : ''}` : `${c.judgeScore} — ${c.judgeReason ?? ''}`}
        </dd>
        <dt className="text-slate-500">Safety</dt>
        <dd>{c.safety.passed ? 'no finding' : c.safety.findings.map((f) => f.detail).join('; ')}</dd>
        <dt className="text-slate-500">Latency</dt>
        <dd>{ms(c.latencyMs)}</dd>
        <dt className="text-slate-500">Human ratings</dt>
        <dd>{ratings.count ? `${ratings.count}, mean ${ratings.mean!.toFixed(2)} on 0–1` : 'none yet'}</dd>
      </dl>
      <ol className="grid gap-3" aria-label="Trajectory">
        {c.steps.map((s, i) => (
          <li key={i} className="rounded-md border border-slate-200 bg-white p-3">
            <TrajectoryStepView step={s} index={i} />
          </li>
        ))}
        {c.steps.length === 0 && <li className="text-sm text-slate-500">No turn was recorded ({c.stopReason}).</li>}
      </ol>
    </section>
  );
}
