// A version's state: building (with its job's progress and last message), ready, or failed (with why).
import { Badge } from '@/components/ui/badge';
import { ProgressBar } from '@/components/ui/progress-bar';

type Job = { progress: number; message: string } | null;

export function DatasetStatus({ status, job, error }: { status: 'building' | 'ready' | 'failed'; job: Job; error: string | null }) {
  if (status === 'ready') return <Badge tone="success">ready</Badge>;
  if (status === 'failed')
    return (
      <span className="flex flex-col gap-1">
        <Badge tone="danger">failed</Badge>
        {error && <span className="text-xs text-red-700">{error}</span>}
      </span>
    );
  return (
    <span className="flex min-w-40 flex-col gap-1">
      <Badge tone="info">building</Badge>
      <ProgressBar value={job?.progress ?? 0} label="Build progress" />
      <span className="text-xs text-slate-500" data-testid="build-message">
        {job?.message ?? 'Waiting for a worker'}
      </span>
    </span>
  );
}
