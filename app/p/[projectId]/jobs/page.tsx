import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { PageHeader } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { JobsTable } from '@/components/jobs/jobs-table';
import { RunDiagnosticForm } from '@/components/jobs/run-diagnostic-form';
import { WorkersList } from '@/components/jobs/workers-list';

export const metadata = { title: 'Jobs' };

export default async function JobsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  const canWrite = allows('write', role);
  return (
    <>
      <PageHeader
        title="Jobs"
        subtitle="Background work of this project, live. Jobs are retried on failure and picked up again if their worker dies."
      />
      <div className="grid gap-6">
        {canWrite && (
          <Card title="Check the workers">
            <RunDiagnosticForm projectId={projectId} />
          </Card>
        )}
        <Card title="All jobs">
          <JobsTable projectId={projectId} canWrite={canWrite} />
        </Card>
        <Card title="Workers">
          <WorkersList projectId={projectId} />
        </Card>
      </div>
    </>
  );
}
