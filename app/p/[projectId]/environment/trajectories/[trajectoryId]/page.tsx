import { requireProjectAccess } from '@/server/auth/page-guard';
import { PageHeader } from '@/components/ui/page-header';
import { TrajectoryViewer } from '@/components/environment/trajectory-viewer';

export const metadata = { title: 'Trajectory' };

export default async function TrajectoryPage({ params }: { params: Promise<{ projectId: string; trajectoryId: string }> }) {
  const { projectId, trajectoryId } = await params;
  await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader
        title="Trajectory"
        subtitle="Each turn of the agent on one test case: what it wrote, the tool it called, what the tool answered."
      />
      <TrajectoryViewer projectId={projectId} trajectoryId={trajectoryId} />
    </>
  );
}
