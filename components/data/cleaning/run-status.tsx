// A run's state in one place, so the start card, the runs list and the report agree: a badge, and while the job
// works, a bar over events processed (the job writes its counters after every page, so the bar moves for real).
import { Badge, jobStatusTone } from '@/components/ui/badge';
import { ProgressBar } from '@/components/ui/progress-bar';
import { isActive } from '@/components/ui/format';

type Run = { status: string; total: number; processed: number; error: string | null };

export function RunStatus({ run, wide = false }: { run: Run; wide?: boolean }) {
  if (!isActive(run.status))
    return (
      <span className="flex flex-col items-start gap-1">
        <Badge tone={jobStatusTone[run.status] ?? 'neutral'}>{run.status}</Badge>
        {run.error && run.status !== 'succeeded' && <span className="text-xs text-red-700">{run.error}</span>}
      </span>
    );
  const fraction = run.total ? run.processed / run.total : 0;
  return (
    <span className={`flex flex-col items-start gap-1 ${wide ? 'w-full' : 'min-w-40'}`}>
      <Badge tone={jobStatusTone[run.status] ?? 'info'}>{run.status}</Badge>
      <ProgressBar value={fraction} label="Cleaning progress" />
      <span className="text-xs text-slate-500" data-testid="clean-progress">
        {run.status === 'queued'
          ? 'Waiting for a worker'
          : `Cleaned ${run.processed.toLocaleString()} of ${run.total.toLocaleString()} events`}
      </span>
    </span>
  );
}
