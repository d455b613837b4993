'use client';
// The annotator's whole page: their queues (work waiting first) and the rating screen for the chosen one.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { EmptyState } from '@/components/ui/empty-state';
import { RatingScreen } from './rating-screen';
import { ShortcutsLegend } from './shortcuts-legend';
import { ErrorLine } from '@/components/ui/list-state';

export function AnnotateWorkspace({ projectId, initialQueueId }: { projectId: string; initialQueueId?: string }) {
  const trpc = useTRPC();
  const queues = useQuery(trpc.data.annotation.myQueues.queryOptions({ projectId }));
  const [chosen, setChosen] = useState<string | undefined>(initialQueueId);
  const first = queues.data?.[0]?.queueId;
  // Pin the queue first shown: finishing it reorders the list (work waiting first), and the screen must not jump away.
  // (State adjusted while rendering, not in an effect: React re-renders at once, before painting.)
  if (first && !queues.data?.some((q) => q.queueId === chosen)) setChosen(first);

  if (queues.isLoading) return <p className="text-sm text-slate-500">Loading your queues…</p>;
  if (queues.error) return <ErrorLine message={queues.error.message} />;
  const list = queues.data ?? [];
  if (!list.length)
    return (
      <EmptyState title="Nothing to rate yet">
        <p>Items engineers assign to you will appear here one at a time, with your progress through the queue.</p>
        <div className="mx-auto mt-4 w-fit text-left">
          <ShortcutsLegend scalePoints={5} />
        </div>
      </EmptyState>
    );
  const queueId = list.some((q) => q.queueId === chosen) ? chosen! : list[0]!.queueId;

  return (
    <div className="grid gap-4">
      {list.length > 1 && (
        <nav className="flex flex-wrap gap-2" aria-label="Your queues">
          {list.map((q) => (
            <button
              key={q.queueId}
              type="button"
              aria-current={q.queueId === queueId ? 'page' : undefined}
              onClick={(e) => {
                setChosen(q.queueId);
                // Keep the choice in the address, so a reload or a shared link opens the same queue.
                window.history.replaceState(null, '', `?queue=${encodeURIComponent(q.queueId)}`);
                // Hand the keyboard back to the rating screen rather than leaving focus on this button.
                e.currentTarget.blur();
              }}
              className={`rounded-full px-3 py-1 text-sm font-medium ${q.queueId === queueId ? 'bg-slate-800 text-white' : 'bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50'}`}
            >
              {q.name}{' '}
              <span className={`tabular-nums ${q.queueId === queueId ? 'text-slate-300' : 'text-slate-500'}`}>
                {q.pending ? `${q.pending} to rate` : 'done'}
              </span>
            </button>
          ))}
        </nav>
      )}
      <RatingScreen key={queueId} projectId={projectId} queueId={queueId} />
    </div>
  );
}
