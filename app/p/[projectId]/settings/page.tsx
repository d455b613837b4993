import { requireProjectAccess } from '@/server/auth/page-guard';
import { PageHeader } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { CredentialsPanel } from '@/components/settings/credentials-panel';
import { MembersPanel } from '@/components/settings/members-panel';
import { ModelEndpointsPanel } from '@/components/settings/model-endpoints-panel';
import { ClustersPanel } from '@/components/settings/clusters-panel';

export const metadata = { title: 'Settings' };

export default async function SettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { user } = await requireProjectAccess(projectId, 'admin');
  return (
    <>
      <PageHeader
        title="Project settings"
        subtitle="Members, API keys for the public API, tokens for remote workers, external models evaluations and deployments can use, and the Slurm clusters compute can run on."
      />
      <div className="grid gap-6">
        <Card title="Members">
          <MembersPanel projectId={projectId} selfId={user.id} />
        </Card>
        <Card title="API keys">
          <CredentialsPanel projectId={projectId} kind="apiKeys" />
        </Card>
        <Card title="Worker tokens">
          <CredentialsPanel projectId={projectId} kind="workerTokens" />
        </Card>
        <Card title="Model endpoints">
          <ModelEndpointsPanel projectId={projectId} />
        </Card>
        <Card title="Clusters">
          <ClustersPanel projectId={projectId} />
        </Card>
      </div>
    </>
  );
}
