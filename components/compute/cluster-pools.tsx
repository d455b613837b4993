'use client';
// The project's clusters, each partition a pool read from Slurm: nodes, cores, memory and GPUs (total, allocated by
// anyone on the cluster, idle, drained). An unreachable cluster says so, with the time of its last good read.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { ago } from '@/components/ui/format';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { memory } from './format';

export function ClusterPools({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const { data, error } = useQuery({ ...trpc.compute.clusters.pools.queryOptions({ projectId }), refetchInterval: 10_000 });
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (!data) return <p className="text-sm text-slate-500">Reading the clusters…</p>;
  if (!data.length)
    return <p className="text-sm text-slate-500">No cluster connected. An admin connects a Slurm cluster in Settings › Clusters.</p>;
  return (
    <div className="grid gap-4">
      {data.map((c) => (
        <section key={c.id} data-testid={`cluster-${c.name}`} data-reachable={c.reachable}>
          <h3 className="mb-1 text-sm font-medium text-slate-800">
            {c.name} <span className="font-mono text-xs text-slate-500">{c.url}</span>
          </h3>
          {!c.reachable && (
            <p role="alert" className="mb-2 text-sm text-red-700">
              Unreachable: {c.error} Last good read: {ago(c.lastOkAt)}
              {c.pools.length ? ' (figures below are from then).' : '.'}
            </p>
          )}
          <Table aria-label={`Partitions of ${c.name}`}>
            <THead>
              <Th>Partition</Th>
              <Th>Nodes (idle · mixed · busy · drained)</Th>
              <Th>CPU cores (allocated / total)</Th>
              <Th>Memory (allocated / total)</Th>
              <Th>GPUs (allocated · idle · drained / total)</Th>
            </THead>
            <tbody>
              {c.pools.map((p) => (
                <Tr key={p.partition} data-partition={p.partition} data-gpus={p.gpus.total} data-gpus-allocated={p.gpus.allocated}>
                  <Td>
                    <span className="font-mono">{p.partition}</span>
                    {p.partition === c.defaultPartition && <span className="ml-1 text-xs text-slate-500">(default)</span>}
                    {p.state !== 'UP' && <span className="ml-1 text-xs text-red-700">{p.state}</span>}
                  </Td>
                  <Td>
                    {p.nodes.total} ({p.nodes.idle} · {p.nodes.mixed} · {p.nodes.allocated} · {p.nodes.drained + p.nodes.down})
                  </Td>
                  <Td>
                    {p.cpus.allocated} / {p.cpus.total}
                  </Td>
                  <Td>
                    {memory(p.memoryMb.allocated)} / {memory(p.memoryMb.total)}
                  </Td>
                  <Td data-testid="partition-gpus">
                    {p.gpus.allocated} · {p.gpus.idle} · {p.gpus.drained} / {p.gpus.total}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </section>
      ))}
    </div>
  );
}
