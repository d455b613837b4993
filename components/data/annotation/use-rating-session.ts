'use client';
// The state of one rater working through one queue: where they are, what they rated (optimistically, before the
// server confirms), and the moves the keys and buttons make. Rating or skipping moves on to the next unrated item.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { scaleValue } from './scale';

type Status = 'pending' | 'rated' | 'skipped';
export type ItemState = { assignmentId: string; status: Status; value: number | null; comment: string | null };

const firstOpen = (items: ItemState[]) => {
  const i = items.findIndex((x) => x.status === 'pending');
  return i < 0 ? items.length : i;
};

/** The next pending item after `from`, wrapping around; `items.length` (the "all done" screen) when none is left. */
function nextOpen(items: ItemState[], from: number): number {
  for (let step = 1; step <= items.length; step++) {
    const i = (from + step) % items.length;
    if (items[i]!.status === 'pending') return i;
  }
  return items.length;
}

export function useRatingSession(projectId: string, queueId: string) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.data.annotation.myItems.queryOptions({ projectId, queueId }));
  const [overlay, setOverlay] = useState<Record<string, Partial<ItemState>>>({});
  const [cursor, setCursor] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const items: ItemState[] = useMemo(
    () => (list.data?.items ?? []).map((i) => ({ ...i, ...overlay[i.assignmentId] })),
    [list.data, overlay],
  );
  const position = Math.min(cursor ?? firstOpen(items), items.length);
  const current = items[position] ?? null;
  const scalePoints = list.data?.queue.scalePoints ?? 5;

  // Time on the item, from when it appeared to its rating: the throughput figures engineers see.
  const shownAt = useRef(0);
  useEffect(() => {
    shownAt.current = Date.now();
  }, [current?.assignmentId]);

  const item = useQuery({
    ...trpc.data.annotation.item.queryOptions({ projectId, assignmentId: current?.assignmentId ?? '' }),
    enabled: !!current,
    staleTime: Infinity,
  });
  const upcoming = items[position + 1]?.assignmentId;
  useEffect(() => {
    if (upcoming)
      void qc.prefetchQuery({ ...trpc.data.annotation.item.queryOptions({ projectId, assignmentId: upcoming }), staleTime: Infinity });
  }, [upcoming, projectId, qc, trpc]);

  const settle = { onSettled: () => qc.invalidateQueries({ queryKey: trpc.data.annotation.myQueues.pathKey() }) };
  const rateM = useMutation(trpc.data.annotation.rate.mutationOptions(settle));
  const skipM = useMutation(trpc.data.annotation.skip.mutationOptions(settle));
  const commentM = useMutation(trpc.data.annotation.comment.mutationOptions());

  /** Applies a change at once and sends it; if the server refuses, the change is undone and the reason shown. */
  function optimistic(at: number, patch: Partial<ItemState>, send: (done: { onError: (e: { message: string }) => void }) => void) {
    const target = items[at]!;
    const before = overlay[target.assignmentId];
    setOverlay((o) => ({ ...o, [target.assignmentId]: { ...o[target.assignmentId], ...patch } }));
    setError(null);
    send({
      onError: (e) => {
        setOverlay((o) => ({ ...o, [target.assignmentId]: before ?? {} }));
        setError(`Item ${at + 1} was not saved: ${e.message}`);
      },
    });
    return items.map((x, i) => (i === at ? { ...x, ...patch } : x));
  }

  const actions = {
    rate(key: number) {
      if (!current || key > scalePoints) return;
      const value = scaleValue(key, scalePoints);
      const durationMs = Date.now() - shownAt.current;
      const after = optimistic(position, { status: 'rated', value }, (cb) =>
        rateM.mutate({ projectId, assignmentId: current.assignmentId, value, durationMs }, cb),
      );
      setCursor(nextOpen(after, position));
    },
    skip() {
      if (!current) return;
      const after =
        current.status === 'rated'
          ? items
          : optimistic(position, { status: 'skipped' }, (cb) => skipM.mutate({ projectId, assignmentId: current.assignmentId }, cb));
      setCursor(nextOpen(after, position));
    },
    comment(text: string) {
      if (!current) return;
      optimistic(position, { comment: text.trim() || null }, (cb) =>
        commentM.mutate({ projectId, assignmentId: current.assignmentId, comment: text }, cb),
      );
    },
    next() {
      if (position < items.length - 1) setCursor(position + 1);
      else if (firstOpen(items) === items.length) setCursor(items.length);
    },
    previous() {
      if (position > 0) setCursor(position - 1);
    },
    goTo(index: number) {
      setCursor(Math.max(0, Math.min(items.length, index)));
    },
  };

  return {
    list,
    queue: list.data?.queue ?? null,
    items,
    position,
    current,
    item,
    scalePoints,
    error,
    rated: items.filter((x) => x.status === 'rated').length,
    skipped: items.filter((x) => x.status === 'skipped').length,
    actions,
  };
}
