'use client';
// The pool at a glance: CPU cores, memory and GPUs — capacity, what is allocated (here and by other projects),
// what each pool type holds, and how busy this machine really is.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { ProgressBar } from '@/components/ui/progress-bar';
import { memory } from './format';

type Cap = { cpus: number; memoryMb: number; gpus: number };
type Key = keyof Cap;

const RESOURCES: { key: Key; title: string; show: (n: number) => string }[] = [
  { key: 'cpus', title: 'CPU cores', show: String },
  { key: 'memoryMb', title: 'Memory', show: memory },
  { key: 'gpus', title: 'GPUs', show: String },
];

export function CapacityCards({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const { data, error } = useQuery({ ...trpc.compute.overview.queryOptions({ projectId }), refetchInterval: 5_000 });
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (!data) return <p className="text-sm text-slate-500">Reading the pool…</p>;
  const reality: Record<Key, string | null> = {
    cpus: `this machine's load: ${data.load.cpuLoad.toFixed(2)} busy cores (1-min average)`,
    memoryMb: `in use on this machine: ${memory(data.load.memoryUsedMb)}`,
    gpus: data.capacity.gpus === 0 ? 'nvidia-smi reports none here and no remote worker announced any' : null,
  };
  return (
    <div className="grid gap-4 md:grid-cols-3">
      {RESOURCES.map(({ key, title, show }) => {
        const cap = data.capacity[key];
        const others = data.allocated[key] - data.allocatedOwn[key];
        return (
          <section
            key={key}
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            data-testid={`capacity-${key}`}
            data-capacity={cap}
            data-allocated={data.allocated[key]}
          >
            <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">{title}</h3>
            <p className="mt-1 text-2xl font-semibold text-slate-900">
              <span data-testid={`capacity-${key}-value`}>{show(cap)}</span>
              <span className="ml-2 text-sm font-normal text-slate-500">in the pool</span>
            </p>
            <div className="mt-3">
              <ProgressBar value={cap ? data.allocated[key] / cap : 0} label={`${title} allocated`} />
            </div>
            <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-0.5 text-xs text-slate-600">
              <dt>Allocated</dt>
              <dd className="text-right">{show(data.allocated[key])}</dd>
              <dt>Free</dt>
              <dd className="text-right">{show(Math.max(0, cap - data.allocated[key]))}</dd>
              <dt>training · inference</dt>
              <dd className="text-right">
                {show(data.byPool.training[key])} · {show(data.byPool.inference[key])}
              </dd>
              {others > 0 && (
                <>
                  <dt>Other projects</dt>
                  <dd className="text-right">{show(others)}</dd>
                </>
              )}
            </dl>
            {reality[key] && <p className="mt-2 text-xs text-slate-500">{reality[key]}</p>}
          </section>
        );
      })}
    </div>
  );
}
