'use client';
// Rating a run's outputs on the spot, keyboard-first like the annotation screen: 1–5 rates the case shown (1 wrong …
// 5 fully right), then the next unrated one appears. The ratings calibrate the judge: the figures below update as you go.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { useRatingKeys } from '@/components/data/annotation/use-rating-keys';
import { scaleValue } from '@/components/data/annotation/scale';
import { Button } from '@/components/ui/button';
import { ErrorLine } from '@/components/ui/list-state';
import { ProgressBar } from '@/components/ui/progress-bar';

const POINTS = 5;

export function RatingPanel({ projectId, runId }: { projectId: string; runId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const status = useQuery(trpc.evaluation.ratings.status.queryOptions({ projectId, runId }));
  const nextId = status.data?.nextCaseId ?? null;
  const current = useQuery({ ...trpc.evaluation.runs.case.queryOptions({ projectId, caseRowId: nextId ?? '' }), enabled: !!nextId });
  const rate = useMutation(
    trpc.evaluation.ratings.rate.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.evaluation.ratings.status.queryKey({ projectId, runId }) });
        void qc.invalidateQueries({ queryKey: trpc.evaluation.runs.case.pathKey() });
      },
    }),
  );
  const give = (key: number) => nextId && !rate.isPending && rate.mutate({ projectId, caseRowId: nextId, value: scaleValue(key, POINTS) });
  useRatingKeys(!!nextId, POINTS, { rate: give, next: () => {}, previous: () => {}, skip: () => {}, comment: () => {} });
  if (status.error) return <ErrorLine message={status.error.message} />;
  if (!status.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const s = status.data;
  const c = current.data?.case;
  return (
    <div className="grid gap-3" data-testid="rating-panel">
      <div className="grid gap-1 text-sm">
        <ProgressBar value={s.total ? s.mine / s.total : 0} label="Your rating progress" />
        <p className="text-slate-600">
          You rated {s.mine} of {s.total} outputs; {s.rated} have a rating from someone. {s.calibration.reason}
        </p>
      </div>
      {!nextId ? (
        <p className="text-sm text-emerald-700">You have rated every output of this run. Re-score it to apply the judge’s new standing.</p>
      ) : !c ? (
        <p className="text-sm text-slate-500">Loading the next output…</p>
      ) : (
        <div className="grid gap-2 rounded-md border border-slate-200 p-3 text-sm" aria-label="Output to rate">
          <p>
            <span className="text-slate-500">#{c.position} · Prompt:</span> {c.prompt}
          </p>
          <p>
            <span className="text-slate-500">Expected:</span> {c.expected}
          </p>
          <p>
            <span className="text-slate-500">Answer:</span> <span className="font-mono">{c.finalAnswer ?? '(none)'}</span>
          </p>
          <div className="flex flex-wrap items-center gap-2">
            {Array.from({ length: POINTS }, (_, i) => (
              <Button
                key={i}
                variant="secondary"
                onClick={() => give(i + 1)}
                disabled={rate.isPending}
                aria-label={`Rate ${i + 1} of ${POINTS}`}
              >
                {i + 1}
              </Button>
            ))}
            <span className="text-xs text-slate-500">Keys 1–5: 1 wrong … 5 fully right</span>
          </div>
          {rate.error && <ErrorLine message={rate.error.message} />}
        </div>
      )}
    </div>
  );
}
