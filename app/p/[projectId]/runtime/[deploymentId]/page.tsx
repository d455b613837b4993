import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { PageHeader } from '@/components/ui/page-header';
import { DeploymentView } from '@/components/runtime/deployment-view';

export const metadata = { title: 'Deployment' };

export default async function DeploymentPage({ params }: { params: Promise<{ projectId: string; deploymentId: string }> }) {
  const { projectId, deploymentId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader
        title="Deployment"
        subtitle={<span className="font-mono text-xs">{deploymentId}</span>}
        actions={
          <Link className="text-sm text-indigo-700 hover:underline" href={`/p/${projectId}/runtime`}>
            ← Runtime
          </Link>
        }
      />
      <DeploymentView projectId={projectId} deploymentId={deploymentId} canWrite={allows('write', role)} />
    </>
  );
}
