'use client';
// A queue's progress and settings: fully rated items, ratings done, blind on or off, and deleting it.
import { useRouter } from 'next/navigation';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress-bar';

type Queue = { id: string; name: string; instructions: string; overlap: number; blind: boolean; scalePoints: number };
type Progress = {
  items: number;
  assignments: number;
  rated: number;
  skipped: number;
  pending: number;
  completeItems: number;
  judged: number;
};

export function QueueSettingsPanel({
  projectId,
  queue,
  progress,
  canWrite,
}: {
  projectId: string;
  queue: Queue;
  progress: Progress;
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.data.annotation.pathKey() });
  const update = useMutation(trpc.data.annotation.updateQueue.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(
    trpc.data.annotation.deleteQueue.mutationOptions({
      onSuccess: () => {
        void refresh();
        router.push(`/p/${projectId}/data/annotation`);
      },
    }),
  );
  const p = progress;
  return (
    <div className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <div className="mb-1 flex justify-between text-sm">
            <span>Items fully rated</span>
            <span className="tabular-nums text-slate-600" data-testid="queue-complete">
              {p.completeItems} / {p.items}
            </span>
          </div>
          <ProgressBar value={p.items ? p.completeItems / p.items : 0} label="Items fully rated" />
        </div>
        <div>
          <div className="mb-1 flex justify-between text-sm">
            <span>Ratings done</span>
            <span className="tabular-nums text-slate-600" data-testid="queue-rated">
              {p.rated} / {p.assignments}
              {p.skipped ? ` · ${p.skipped} skipped` : ''}
            </span>
          </div>
          <ProgressBar value={p.assignments ? p.rated / p.assignments : 0} label="Ratings done" />
        </div>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <span className="flex flex-wrap gap-1.5">
          <Badge>
            {queue.overlap} rater{queue.overlap > 1 ? 's' : ''} per item
          </Badge>
          <Badge>{queue.scalePoints}-point scale → 0..1</Badge>
          <Badge tone={queue.blind ? 'info' : 'warning'}>
            {queue.blind ? 'blind: raters see no other ratings' : 'open: raters see others’ ratings'}
          </Badge>
        </span>
        {canWrite && (
          <span className="flex gap-2">
            <Button
              variant="secondary"
              disabled={update.isPending}
              onClick={() => update.mutate({ projectId, queueId: queue.id, blind: !queue.blind })}
            >
              {queue.blind ? 'Make open' : 'Make blind'}
            </Button>
            <Button
              variant="danger"
              disabled={remove.isPending}
              onClick={() =>
                confirm(`Delete the queue "${queue.name}" with its ${p.rated} ratings and the judge's scores? This cannot be undone.`) &&
                remove.mutate({ projectId, queueId: queue.id })
              }
            >
              Delete queue
            </Button>
          </span>
        )}
      </div>
      {queue.instructions && (
        <p className="whitespace-pre-wrap rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">{queue.instructions}</p>
      )}
      {(update.error ?? remove.error) && (
        <p role="alert" className="text-sm text-red-700">
          {(update.error ?? remove.error)!.message}
        </p>
      )}
    </div>
  );
}
