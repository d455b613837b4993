'use client';
// The machines behind the pool: this one, the remote workers counted now, and those that went quiet (not counted).
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { ago } from '@/components/ui/format';
import { memory } from './format';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

export function MachinesList({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.compute.overview.queryOptions({ projectId }), refetchInterval: 5_000 });
  if (!data) return <p className="text-sm text-slate-500">Reading the pool…</p>;
  return (
    <div className="flex flex-col gap-3 text-sm">
      <Table aria-label="Machines">
        <THead>
          <Th>Machine</Th>
          <Th>CPU cores</Th>
          <Th>Memory</Th>
          <Th>GPUs</Th>
          <Th>Serves</Th>
        </THead>
        <tbody>
          {data.machines.map((m) => (
            <Tr key={m.id} data-machine={m.kind}>
              <Td>
                <span className="font-medium">{m.name}</span>{' '}
                <Badge tone={m.kind === 'local' ? 'info' : 'success'}>
                  {m.kind === 'local' ? 'local' : `remote · seen ${ago(m.lastSeenAt)}`}
                </Badge>
              </Td>
              <Td>
                {m.allocated.cpus} / {m.capacity.cpus} allocated
              </Td>
              <Td>
                {memory(m.allocated.memoryMb)} / {memory(m.capacity.memoryMb)}
              </Td>
              <Td>
                {m.allocated.gpus} / {m.capacity.gpus}
                {m.gpus.length > 0 && (
                  <div className="text-xs text-slate-500">{m.gpus.map((g) => `${g.name} (${memory(g.memoryMb)})`).join(', ')}</div>
                )}
              </Td>
              <Td className="text-xs text-slate-600">
                {m.kind === 'local' ? 'every project' : `this project · queues ${m.queues.join(', ')}`}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      {data.offline.length > 0 && (
        <div>
          <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">Not counted: silent for over {data.freshSeconds} s</h3>
          <ul className="mt-1 flex flex-col gap-1 text-slate-600">
            {data.offline.map((w) => (
              <li key={w.id}>
                <Badge>offline</Badge> {w.name} — {w.resources.cpus} cores · {memory(w.resources.memoryMb)} · {w.resources.gpus.length} GPUs
                · last seen {ago(w.lastSeenAt)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="text-xs text-slate-500">
        Remote workers announce their capacity when they register through the worker route and count while they were seen in the last{' '}
        {data.freshSeconds} s.
      </p>
    </div>
  );
}
