'use client';
// What an engineer can do with one allocation: release it (granted), cancel it (queued), or request it again (ended).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import type { AllocationStatus } from '@/db/schema';
import { describeRequest } from './format';

type Target = { id: string; status: AllocationStatus; resourceType: 'cpu' | 'gpu'; count: number; memoryMb: number };

export function AllocationActions({ projectId, allocation: a }: { projectId: string; allocation: Target }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.compute.pathKey() });
  const release = useMutation(trpc.compute.release.mutationOptions({ onSuccess: refresh }));
  const restart = useMutation(trpc.compute.restart.mutationOptions({ onSuccess: refresh }));
  const error = release.error ?? restart.error;
  const refused = restart.data?.outcome === 'refused' ? restart.data.reason : null;
  const what = describeRequest(a);
  return (
    <div className="flex flex-col items-end gap-1">
      {a.status === 'granted' && (
        <Button
          variant="danger"
          disabled={release.isPending}
          onClick={() =>
            confirm(`Release ${a.id} (${what})? Work using it loses its reservation, and the queue takes the capacity.`) &&
            release.mutate({ projectId, allocationId: a.id })
          }
        >
          Release
        </Button>
      )}
      {a.status === 'queued' && (
        <Button
          variant="danger"
          disabled={release.isPending}
          onClick={() =>
            confirm(`Cancel the request ${a.id} (${what})? It leaves the queue.`) && release.mutate({ projectId, allocationId: a.id })
          }
        >
          Cancel
        </Button>
      )}
      {(a.status === 'released' || a.status === 'cancelled') && (
        <Button variant="secondary" disabled={restart.isPending} onClick={() => restart.mutate({ projectId, allocationId: a.id })}>
          Request again
        </Button>
      )}
      {(error || refused) && (
        <p role="alert" className="max-w-xs text-right text-xs text-red-700">
          {error?.message ?? `Refused: ${refused}`}
        </p>
      )}
    </div>
  );
}
