// Engineers' view of annotation: the project's queues with progress, creating queues, and the LLM judge's endpoint.
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { Card } from '@/components/ui/card';
import { SectionHeader } from '@/components/ui/section-header';
import { CreateQueueForm } from '@/components/data/annotation/create-queue-form';
import { JudgeSettingsForm } from '@/components/data/annotation/judge-settings-form';
import { QueuesTable } from '@/components/data/annotation/queues-table';

export const metadata = { title: 'Annotation' };

export default async function AnnotationPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  const canWrite = allows('write', role);
  return (
    <>
      <SectionHeader
        title="Annotation"
        subtitle="Queues of interactions for people to rate, how well raters agree, and whether the LLM judge can be trusted."
      />
      <div className="grid gap-6">
        <Card title="Queues">
          <QueuesTable projectId={projectId} canWrite={canWrite} />
        </Card>
        {canWrite && (
          <Card title="New queue">
            <CreateQueueForm projectId={projectId} />
          </Card>
        )}
        {canWrite && (
          <Card title="LLM judge">
            <JudgeSettingsForm projectId={projectId} canEditEndpoint={allows('admin', role)} />
          </Card>
        )}
      </div>
    </>
  );
}
