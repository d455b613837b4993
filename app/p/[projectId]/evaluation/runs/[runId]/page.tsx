import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { PageHeader } from '@/components/ui/page-header';
import { RunReport } from '@/components/evaluation/run-report';

export const metadata = { title: 'Evaluation run' };

export default async function EvaluationRunPage({ params }: { params: Promise<{ projectId: string; runId: string }> }) {
  const { projectId, runId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader
        title="Evaluation report"
        subtitle={
          <Link href={`/p/${projectId}/evaluation`} className="text-indigo-700 hover:underline" data-print="hide">
            ← Evaluation
          </Link>
        }
      />
      <RunReport projectId={projectId} runId={runId} canWrite={allows('write', role)} />
    </>
  );
}
