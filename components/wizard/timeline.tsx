// The run's steps on one time axis: a bar per step row (every iteration), from its start to its end (or now), with its
// measured duration — the seed's time table, as this run took it.
import { factory } from '@/components/shell/factories';
import type { PipelineRunView } from '@/server/pipeline/runs';
import { seconds } from './runs-table';

const COLOR = { pending: 'bg-slate-300', running: 'bg-sky-500', succeeded: 'bg-emerald-500', failed: 'bg-red-500' } as const;

/** `now` is when the run was read: a running step's bar ends there. */
export function Timeline({ history, now }: { history: PipelineRunView['history']; now: number }) {
  const rows = history.filter((s) => s.startedAt).sort((a, b) => +new Date(a.startedAt!) - +new Date(b.startedAt!));
  if (!rows.length) return <p className="text-sm text-slate-500">No step has started yet.</p>;
  const t0 = Math.min(...rows.map((r) => +new Date(r.startedAt!)));
  const t1 = Math.max(...rows.map((r) => (r.finishedAt ? +new Date(r.finishedAt) : now)));
  const span = Math.max(1, t1 - t0);
  return (
    <ol className="grid gap-2" aria-label="Timeline">
      {rows.map((r) => {
        const start = +new Date(r.startedAt!);
        const end = r.finishedAt ? +new Date(r.finishedAt) : now;
        return (
          <li
            key={r.id}
            className="grid grid-cols-[10rem_1fr_5rem] items-center gap-3 text-sm"
            data-step={r.step}
            data-iteration={r.iteration}
          >
            <span>
              {factory(r.step).name}
              {r.iteration > 1 && <span className="text-xs text-slate-500"> · iteration {r.iteration}</span>}
            </span>
            <span className="relative h-3 rounded bg-slate-100">
              <span
                className={`absolute top-0 h-3 rounded ${COLOR[r.status]}`}
                style={{ left: `${((start - t0) / span) * 100}%`, width: `${Math.max(0.5, ((end - start) / span) * 100)}%` }}
              />
            </span>
            <span className="text-right font-mono text-xs" data-testid="step-duration">
              {seconds((end - start) / 1000)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
