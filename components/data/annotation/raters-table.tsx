'use client';
// Each rater's work in the queue: how much, how fast (items per hour of rating time, median seconds per item).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ago } from '@/components/ui/format';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

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
    <Table aria-label="Raters">
      <THead>
        <Th>Rater</Th>
        <Th className="text-right">Rated</Th>
        <Th className="text-right">Pending</Th>
        <Th className="text-right">Skipped</Th>
        <Th className="text-right">Items / hour</Th>
        <Th className="text-right">Median s / item</Th>
        <Th>Last rating</Th>
        {canWrite && <Th />}
      </THead>
      <tbody>
        {raters.map((r) => (
          <Tr key={r.raterId} data-rater={r.raterId}>
            <Td className="font-medium">{r.name}</Td>
            <Td className="text-right tabular-nums">
              {r.rated} / {r.assigned}
            </Td>
            <Td className="text-right tabular-nums">{r.pending}</Td>
            <Td className="text-right tabular-nums">{r.skipped}</Td>
            <Td className="text-right tabular-nums">{r.itemsPerHour === null ? '—' : Math.round(r.itemsPerHour)}</Td>
            <Td className="text-right tabular-nums">{r.medianSeconds === null ? '—' : r.medianSeconds.toFixed(1)}</Td>
            <Td className="text-slate-600">{ago(r.lastRatedAt)}</Td>
            {canWrite && (
              <Td className="text-right">
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
              </Td>
            )}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
