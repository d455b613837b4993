'use client';
// Runs the LLM judge over the queue as a job, and shows its live progress and outcome.
import { useEffect, useRef, useState } from 'react';
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge, jobStatusTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress-bar';
import { isActive } from '@/components/ui/format';

function RunControls({ projectId, queueId }: { projectId: string; queueId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [rescore, setRescore] = useState(false);
  const endpoint = useQuery(trpc.data.annotation.judgeSettings.queryOptions({ projectId }));
  const run = useMutation(
    trpc.data.annotation.runJudge.mutationOptions({
      onSuccess: () => qc.invalidateQueries({ queryKey: trpc.data.annotation.judgeJob.pathKey() }),
    }),
  );
  if (endpoint.isLoading) return null;
  if (!endpoint.data)
    return (
      <p className="text-sm text-slate-600" data-testid="judge-not-configured">
        No judge endpoint configured for this project.{' '}
        <Link href={`/p/${projectId}/data/annotation`} className="text-indigo-700 hover:underline">
          Set one up
        </Link>{' '}
        (any OpenAI-compatible chat-completions endpoint); until then the judge does not score anything.
      </p>
    );
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <span className="text-sm text-slate-600">
          Judge: <span className="font-mono">{endpoint.data.model}</span>
        </span>
        <span className="flex items-center gap-3">
          <label className="flex items-center gap-1.5 text-sm text-slate-700">
            <input type="checkbox" checked={rescore} onChange={(e) => setRescore(e.target.checked)} /> Re-score items already scored
          </label>
          <Button onClick={() => run.mutate({ projectId, queueId, onlyMissing: !rescore, concurrency: 2 })} disabled={run.isPending}>
            Run the judge
          </Button>
        </span>
      </div>
      {run.error && (
        <p role="alert" className="text-sm text-red-700">
          {run.error.message}
        </p>
      )}
    </div>
  );
}

export function JudgeRunPanel({ projectId, queueId, canWrite }: { projectId: string; queueId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const latest = useQuery({
    ...trpc.data.annotation.judgeJob.queryOptions({ projectId, queueId }),
    refetchInterval: (q) => (isActive(q.state.data?.status) ? 1000 : false),
  });
  const job = latest.data;
  // When a run ends, the agreement figures change: reload them once.
  const lastStatus = useRef(job?.status);
  useEffect(() => {
    if (lastStatus.current && lastStatus.current !== job?.status && job?.status === 'succeeded')
      void qc.invalidateQueries({ queryKey: trpc.data.annotation.report.pathKey() });
    lastStatus.current = job?.status;
  }, [job?.status, qc, trpc]);
  const summary = (job?.result as { summary?: string } | null)?.summary;
  return (
    <div className="grid gap-4">
      {canWrite && <RunControls projectId={projectId} queueId={queueId} />}
      {job ? (
        <div className="grid gap-1" data-testid="judge-job" data-status={job.status}>
          <div className="flex items-center justify-between text-sm">
            <span className="flex items-center gap-2">
              <Badge tone={jobStatusTone[job.status]}>{job.status}</Badge>
              <Link href={`/p/${projectId}/jobs/${job.id}`} className="font-mono text-xs text-indigo-700 hover:underline">
                {job.id}
              </Link>
            </span>
            <span className="tabular-nums text-slate-500">{Math.round(job.progress * 100)}%</span>
          </div>
          <ProgressBar value={job.progress} label="Judge progress" />
          <p className="text-xs text-slate-600" data-testid="judge-job-message">
            {job.error ?? (job.status === 'succeeded' ? summary : null) ?? job.message}
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-500">The judge has not run on this queue yet.</p>
      )}
    </div>
  );
}
