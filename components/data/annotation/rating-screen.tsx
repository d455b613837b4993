'use client';
// The annotator's screen for one queue: one item at a time, rated by number keys, progress always in view.
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { CommentBox } from './comment-box';
import { InteractionView } from './interaction-view';
import { OthersRatings } from './others-ratings';
import { RatingProgress } from './rating-progress';
import { ScaleButtons } from './scale-buttons';
import { formatRating } from './scale';
import { ShortcutsLegend } from './shortcuts-legend';
import { useRatingKeys } from './use-rating-keys';
import { useRatingSession, type ItemState } from './use-rating-session';

function StatusBadge({ state, points }: { state: ItemState; points: number }) {
  if (state.status === 'rated') return <Badge tone="success">rated {formatRating(state.value ?? 0, points)}</Badge>;
  if (state.status === 'skipped') return <Badge tone="warning">skipped</Badge>;
  return <Badge>to rate</Badge>;
}

export function RatingScreen({ projectId, queueId }: { projectId: string; queueId: string }) {
  const s = useRatingSession(projectId, queueId);
  const [commenting, setCommenting] = useState(false);
  const { actions } = s;
  useRatingKeys(!commenting && !!s.queue, s.scalePoints, {
    rate: actions.rate,
    next: actions.next,
    previous: actions.previous,
    skip: actions.skip,
    comment: () => s.current && setCommenting(true),
  });

  if (s.list.isLoading) return <p className="text-sm text-slate-500">Loading your items…</p>;
  if (s.list.error || !s.queue)
    return (
      <p role="alert" className="text-sm text-red-700">
        {s.list.error?.message ?? 'This queue could not be loaded.'}
      </p>
    );
  const total = s.items.length;
  const firstSkipped = s.items.findIndex((x) => x.status === 'skipped');
  const data = s.item.data;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_17rem]">
      <div className="grid content-start gap-4">
        <Card>
          <RatingProgress rated={s.rated} skipped={s.skipped} total={total} position={s.current ? s.position : null} />
        </Card>
        {s.error && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {s.error}
          </p>
        )}
        {!s.current ? (
          <EmptyState
            title="All done"
            action={
              firstSkipped >= 0 ? (
                <Button variant="secondary" onClick={() => actions.goTo(firstSkipped)}>
                  Review skipped items
                </Button>
              ) : undefined
            }
          >
            <p data-testid="all-done">
              You rated {s.rated} of {total} items in this queue
              {s.skipped ? `; ${s.skipped} skipped ${s.skipped === 1 ? 'item is' : 'items are'} still unrated` : ''}.
            </p>
            <p className="mt-1 text-slate-500">
              Press k to go back and change a rating. New items will appear here when they are assigned to you.
            </p>
          </EmptyState>
        ) : (
          <Card
            title={
              <span className="flex items-center gap-2">
                <StatusBadge state={s.current} points={s.scalePoints} />
                {data && <span className="font-mono text-xs font-normal text-slate-500">{data.agentId}</span>}
                {data?.redacted && <Badge tone="info">personal data redacted</Badge>}
              </span>
            }
            actions={
              <span className="flex gap-2">
                <Button
                  variant="secondary"
                  onClick={actions.previous}
                  disabled={s.position === 0 || commenting}
                  aria-label="Previous item (k)"
                >
                  ← k
                </Button>
                <Button variant="secondary" onClick={actions.skip} disabled={commenting} aria-label="Skip (s)">
                  Skip · s
                </Button>
                <Button variant="secondary" onClick={actions.next} disabled={commenting} aria-label="Next item (j)">
                  j →
                </Button>
              </span>
            }
          >
            <div className="grid gap-5" data-testid="rating-item" data-assignment={s.current.assignmentId} data-status={s.current.status}>
              {s.item.error ? (
                <p role="alert" className="text-sm text-red-700">
                  {s.item.error.message}
                </p>
              ) : !data ? (
                <p className="text-sm text-slate-500">Loading item…</p>
              ) : (
                <InteractionView prompt={data.prompt} response={data.response} />
              )}
              <ScaleButtons
                points={s.scalePoints}
                value={s.current.status === 'rated' ? s.current.value : null}
                onRate={actions.rate}
                disabled={commenting}
              />
              {commenting ? (
                <CommentBox
                  initial={s.current.comment ?? ''}
                  onSave={(text) => {
                    actions.comment(text);
                    setCommenting(false);
                  }}
                  onCancel={() => setCommenting(false)}
                />
              ) : s.current.comment ? (
                <p className="text-sm text-slate-600" data-testid="item-comment">
                  Your comment: “{s.current.comment}” <span className="text-slate-400">(c to edit)</span>
                </p>
              ) : null}
              {data && !data.blind && (
                <section aria-label="Other ratings" className="border-t border-slate-100 pt-3">
                  <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
                    Other ratings (this queue is not blind)
                  </h3>
                  <OthersRatings others={data.others} judge={data.judge} points={s.scalePoints} />
                </section>
              )}
            </div>
          </Card>
        )}
      </div>
      <aside className="grid content-start gap-4">
        <Card title="Keyboard">
          <ShortcutsLegend scalePoints={s.scalePoints} />
        </Card>
        <Card title="Instructions">
          <p className="whitespace-pre-wrap text-sm text-slate-700">
            {s.queue.instructions || 'Rate how good the final answer is: 1 is wrong or harmful, the top key is fully correct and helpful.'}
          </p>
        </Card>
      </aside>
    </div>
  );
}
