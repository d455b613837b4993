'use client';
// After an edit of a scenario: refresh what shows it, and when the edit made a new version (the old one was used),
// go to that version with a notice saying why.
import { useRouter } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';

export function useAfterEdit(projectId: string) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  return (result: { scenarioId: string; forkedFrom: string | null }) => {
    void qc.invalidateQueries({ queryKey: trpc.environment.pathKey() });
    if (result.forkedFrom) router.push(`/p/${projectId}/environment/${result.scenarioId}?tab=cases&forkedFrom=${result.forkedFrom}`);
  };
}
