'use client';
// The workers that serve this project: in-process, `npm run worker` processes and remote machines.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { ago } from '@/components/ui/format';

export function WorkersList({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.jobs.workers.queryOptions({ projectId }), refetchInterval: 10_000 });
  if (!data?.length) return <p className="text-sm text-slate-500">No worker has announced itself yet.</p>;
  return (
    <ul className="flex flex-col gap-2 text-sm">
      {data.map((w) => {
        return (
          <li key={w.id} className="flex flex-wrap items-center justify-between gap-2">
            <span className="flex items-center gap-2">
              <Badge tone={w.online ? 'success' : 'neutral'}>{w.online ? 'online' : 'last seen ' + ago(w.lastSeenAt)}</Badge>
              <span className="font-medium">{w.name}</span>
              <span className="text-xs text-slate-500">{w.kind}</span>
            </span>
            <span className="text-xs text-slate-600">
              {w.resources.cpus} CPU · {Math.round(w.resources.memoryMb / 1024)} GB · {w.resources.gpus.length} GPU · queues{' '}
              {w.queues.join(', ')}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
