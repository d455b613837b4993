'use client';
// Whether a model may be deployed, for its model card: the same answer the server gives Runtime (assertDeployable).
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { ErrorLine } from '@/components/ui/list-state';

export function GateStatus({ projectId, modelId }: { projectId: string; modelId: string }) {
  const trpc = useTRPC();
  const got = useQuery(trpc.evaluation.gate.status.queryOptions({ projectId, modelId }));
  if (got.error) return <ErrorLine message={got.error.message} />;
  if (!got.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const s = got.data;
  return (
    <div className="grid gap-1 text-sm" data-testid="gate-status" data-deployable={s.deployable}>
      <p>
        <Badge tone={s.deployable ? 'success' : 'danger'}>{s.deployable ? 'deployable' : 'not deployable'}</Badge>{' '}
        {s.evaluationRunId && (
          <Link className="font-mono text-xs text-indigo-700 hover:underline" href={`/p/${projectId}/evaluation/runs/${s.evaluationRunId}`}>
            {s.evaluationRunId}
          </Link>
        )}{' '}
        <span className="text-xs text-slate-500">policy v{s.currentPolicyVersion}</span>
      </p>
      {s.reasons.map((r) => (
        <p key={r} className="text-slate-700">
          {r}
        </p>
      ))}
    </div>
  );
}
