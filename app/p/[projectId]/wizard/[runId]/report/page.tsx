import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { PageHeader } from '@/components/ui/page-header';
import { RunReport } from '@/components/wizard/run-report';

export const metadata = { title: 'Pipeline run' };

export default async function PipelineRunReportPage({ params }: { params: Promise<{ projectId: string; runId: string }> }) {
  const { projectId, runId } = await params;
  await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader
        title="Pipeline run"
        subtitle={
          <>
            Its steps as measured, each iteration, the charts and the lineage of what it deployed.{' '}
            <Link className="text-indigo-700 hover:underline" href={`/p/${projectId}/wizard/${runId}`}>
              Back to the wizard
            </Link>
          </>
        }
      />
      <RunReport projectId={projectId} runId={runId} />
    </>
  );
}
