'use client';
// Allocated against capacity over time, per resource, with this machine's real load beside it, and the project's
// cluster pools (as Slurm reported them) beside the local pool.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { TimeSeriesChart, type TimeRow, type TimeSeries } from '@/components/charts/time-series-chart';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterPills } from '@/components/ui/filter-pills';

const RANGES = ['1h', '24h', '7d'] as const;

type Sample = {
  at: Date;
  cpus: number;
  cpusAllocated: number;
  cpuLoad: number;
  memoryMb: number;
  memoryAllocatedMb: number;
  memoryUsedMb: number;
  gpus: number;
  gpusAllocated: number;
  clusterCpus: number;
  clusterCpusAllocated: number;
  clusterGpus: number;
  clusterGpusAllocated: number;
};

const PANELS: { title: string; unit: string; series: TimeSeries[]; row: (s: Sample) => Record<string, number> }[] = [
  {
    title: 'CPU cores',
    unit: 'cores',
    series: [
      { key: 'capacity', label: 'capacity', color: '#94a3b8', dashed: true },
      { key: 'allocated', label: 'allocated', color: '#4f46e5' },
      { key: 'load', label: 'load (this machine)', color: '#d97706' },
      { key: 'clusterCapacity', label: 'cluster capacity', color: '#5eead4', dashed: true },
      { key: 'clusterAllocated', label: 'cluster allocated', color: '#0d9488' },
    ],
    row: (s) => ({
      capacity: s.cpus,
      allocated: s.cpusAllocated,
      load: s.cpuLoad,
      clusterCapacity: s.clusterCpus,
      clusterAllocated: s.clusterCpusAllocated,
    }),
  },
  {
    title: 'Memory (GB)',
    unit: 'GB',
    series: [
      { key: 'capacity', label: 'capacity', color: '#94a3b8', dashed: true },
      { key: 'allocated', label: 'allocated', color: '#4f46e5' },
      { key: 'used', label: 'in use (this machine)', color: '#d97706' },
    ],
    row: (s) => ({ capacity: s.memoryMb / 1024, allocated: s.memoryAllocatedMb / 1024, used: s.memoryUsedMb / 1024 }),
  },
  {
    title: 'GPUs',
    unit: 'GPUs',
    series: [
      { key: 'capacity', label: 'capacity', color: '#94a3b8', dashed: true },
      { key: 'allocated', label: 'allocated', color: '#4f46e5' },
      { key: 'clusterCapacity', label: 'cluster capacity', color: '#5eead4', dashed: true },
      { key: 'clusterAllocated', label: 'cluster allocated', color: '#0d9488' },
    ],
    row: (s) => ({
      capacity: s.gpus,
      allocated: s.gpusAllocated,
      clusterCapacity: s.clusterGpus,
      clusterAllocated: s.clusterGpusAllocated,
    }),
  },
];

export function UtilisationChart({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const [range, setRange] = useState<(typeof RANGES)[number]>('1h');
  const { data, error } = useQuery({ ...trpc.compute.utilisation.queryOptions({ projectId, range }), refetchInterval: 10_000 });
  return (
    <div>
      <FilterPills
        label="Time range"
        labels={RANGES.map((r) => `last ${r}`)}
        selected={RANGES.indexOf(range)}
        onSelect={(i) => setRange(RANGES[i]!)}
      />
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      ) : !data ? (
        <p className="text-sm text-slate-500">Loading utilisation…</p>
      ) : data.length === 0 ? (
        <EmptyState title="No samples in this range yet">
          The pool is sampled whenever an allocation changes and while this page is open (every 10 s at most).
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-3">
          {PANELS.map((p) => (
            <figure key={p.title} aria-label={`${p.title} over time`}>
              <figcaption className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{p.title}</figcaption>
              <TimeSeriesChart
                rows={data.map((s): TimeRow => ({ t: new Date(s.at).getTime(), ...p.row(s) }))}
                series={p.series}
                unit={p.unit}
              />
            </figure>
          ))}
        </div>
      )}
    </div>
  );
}
