import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { factory } from '@/components/shell/factories';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { CreateScenarioForm } from '@/components/environment/create-scenario-form';
import { ScenarioList } from '@/components/environment/scenario-list';

export const metadata = { title: 'Environment' };

export default async function EnvironmentPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  const canWrite = allows('write', role);
  const f = factory('environment');
  return (
    <>
      <PageHeader
        title={`${f.step}. ${f.name}`}
        subtitle="Scenarios are versioned sets of test cases with the tools an agent may call. Validate a scenario before training or evaluating on it; run the baseline to see how it scores before any training."
      />
      <div className="grid gap-6">
        {canWrite ? (
          <Card title="New scenario">
            <CreateScenarioForm projectId={projectId} />
          </Card>
        ) : (
          <p className="text-sm text-slate-500">Your role can read scenarios, runs and reports but not change them.</p>
        )}
        <Card title="Scenarios">
          <ScenarioList projectId={projectId} canWrite={canWrite} />
        </Card>
      </div>
    </>
  );
}
