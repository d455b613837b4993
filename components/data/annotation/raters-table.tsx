'use client';
// Each rater's work in the queue: how much, how fast (items per hour of rating time, median seconds per item).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ago } from '@/components/jobs/format';

type Rater = {
  raterId: string;
  name: string;
  assigned: number;
  rated: number;
  skipped: number;
  pending: number;
  itemsPerHour: number | null;
  medianSeconds: number | null;
  lastRatedAt: Date | null;
};

export function RatersTable({
  projectId,
  queueId,
  raters,
  canWrite,
}: {
  projectId: string;
  queueId: string;
  raters: Rater[];
  canWrite: boolean;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const unassign = useMutation(
    trpc.data.annotation.unassign.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.data.annotation.pathKey() }) }),
  );
  if (!raters.length)
    return (
      <EmptyState title="Nobody is assigned yet">Assign the queue’s items to raters above; their pace and progress appear here.</EmptyState>
    );
  return (
    <table className="w-full text-left text-sm" aria-label="Raters">
      <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-2 pr-3">Rater</th>
          <th className="py-2 pr-3 text-right">Rated</th>
          <th className="py-2 pr-3 text-right">Pending</th>
          <th className="py-2 pr-3 text-right">Skipped</th>
          <th className="py-2 pr-3 text-right">Items / hour</th>
          <th className="py-2 pr-3 text-right">Median s / item</th>
          <th className="py-2 pr-3">Last rating</th>
          {canWrite && <th className="py-2" />}
        </tr>
      </thead>
      <tbody>
        {raters.map((r) => (
          <tr key={r.raterId} className="border-b border-slate-100" data-rater={r.raterId}>
            <td className="py-2 pr-3 font-medium">{r.name}</td>
            <td className="py-2 pr-3 text-right tabular-nums">
              {r.rated} / {r.assigned}
            </td>
            <td className="py-2 pr-3 text-right tabular-nums">{r.pending}</td>
            <td className="py-2 pr-3 text-right tabular-nums">{r.skipped}</td>
            <td className="py-2 pr-3 text-right tabular-nums">{r.itemsPerHour === null ? '—' : Math.round(r.itemsPerHour)}</td>
            <td className="py-2 pr-3 text-right tabular-nums">{r.medianSeconds === null ? '—' : r.medianSeconds.toFixed(1)}</td>
            <td className="py-2 pr-3 text-slate-600">{ago(r.lastRatedAt)}</td>
            {canWrite && (
              <td className="py-2 text-right">
                {r.pending + r.skipped > 0 && (
                  <Button
                    variant="danger"
                    disabled={unassign.isPending}
                    onClick={() =>
                      confirm(`Take back ${r.pending + r.skipped} unrated items from ${r.name}? Their ratings stay.`) &&
                      unassign.mutate({ projectId, queueId, userId: r.raterId })
                    }
                  >
                    Take back unrated
                  </Button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
