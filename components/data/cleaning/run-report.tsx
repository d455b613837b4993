'use client';
// One cleaning run: its progress while the job works, then what it found. The report is written when the run ends,
// so the outcome sections wait for that rather than showing half-counted numbers as if they were final.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge, jobStatusTone } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ago, duration, isActive } from '@/components/ui/format';
import { ReasonCounts } from './reason-counts';
import { ReasonExamples } from './reason-examples';
import { RedactionReview } from './redaction-review';
import { RunStatus } from './run-status';

export function RunReport({ projectId, runId, canWrite }: { projectId: string; runId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const { data: run, error } = useQuery({
    ...trpc.data.cleaning.run.queryOptions({ projectId, runId }),
    refetchInterval: (q) => (!q.state.data || isActive(q.state.data.status) ? 1000 : false),
  });
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (!run) return <p className="text-sm text-slate-500">Loading…</p>;
  const report = run.report;
  return (
    <div className="grid gap-6" data-run-status={run.status}>
      <Card
        title={<span className="font-mono">{run.id}</span>}
        actions={<Badge tone={jobStatusTone[run.status] ?? 'neutral'}>{run.status}</Badge>}
      >
        {isActive(run.status) && (
          <div className="mb-4">
            <RunStatus run={run} wide />
          </div>
        )}
        {run.error && run.status !== 'succeeded' && (
          <p role="alert" className="mb-4 text-sm text-red-700">
            {run.error}
          </p>
        )}
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
          <dt className="text-slate-500">Scope</dt>
          <dd>{run.scope === 'raw' ? 'new events only' : 'all events'}</dd>
          <dt className="text-slate-500">Events</dt>
          <dd data-testid="run-total">{run.total.toLocaleString()}</dd>
          <dt className="text-slate-500">Kept</dt>
          <dd data-testid="run-kept">{run.kept.toLocaleString()}</dd>
          <dt className="text-slate-500">Filtered</dt>
          <dd data-testid="run-filtered">{run.filtered.toLocaleString()}</dd>
          <dt className="text-slate-500">With redactions</dt>
          <dd data-testid="run-redacted">{run.redacted.toLocaleString()}</dd>
          <dt className="text-slate-500">Started</dt>
          <dd>{ago(run.startedAt ?? run.createdAt)}</dd>
          <dt className="text-slate-500">Took</dt>
          <dd>{run.startedAt ? duration(run.startedAt, run.finishedAt) : '—'}</dd>
          {report && (
            <>
              <dt className="text-slate-500">Originals indexed</dt>
              <dd title="Events kept by earlier runs, which later copies count as duplicates of">{report.indexed.toLocaleString()}</dd>
            </>
          )}
        </dl>
        <details className="mt-3 text-xs text-slate-600">
          <summary className="cursor-pointer">Thresholds used</summary>
          <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-0.5 md:grid-cols-3">
            {Object.entries(run.config).map(([k, v]) => (
              <div key={k} className="flex justify-between gap-2">
                <dt className="font-mono">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </details>
      </Card>
      {report ? (
        <>
          <Card title="Outcomes by reason">
            <ReasonCounts counts={report.counts} entities={report.entities} />
          </Card>
          <Card title="Examples per reason">
            <ReasonExamples projectId={projectId} examples={report.examples} counts={report.counts} />
          </Card>
        </>
      ) : (
        <Card title="Outcomes by reason">
          <p className="text-sm text-slate-600">
            {isActive(run.status)
              ? 'Counts per reason, examples and redactions to review appear here when the run finishes.'
              : 'This run ended without a report, so there is nothing to show per reason.'}
          </p>
        </Card>
      )}
      {/* The review shows the raw text beside the redacted one: engineers and admins only. */}
      {run.status === 'succeeded' && canWrite && (
        <Card title="Review redactions">
          <RedactionReview projectId={projectId} runId={run.id} canWrite={canWrite} />
        </Card>
      )}
    </div>
  );
}
