import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { PageHeader } from '@/components/ui/page-header';
import { ScenarioDetail, type ScenarioTab } from '@/components/environment/scenario-detail';

export const metadata = { title: 'Scenario' };

const TABS: ScenarioTab[] = ['cases', 'runs', 'validation'];

export default async function ScenarioPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string; scenarioId: string }>;
  searchParams: Promise<{ tab?: string; forkedFrom?: string }>;
}) {
  const { projectId, scenarioId } = await params;
  const { tab, forkedFrom } = await searchParams;
  const { role } = await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader
        title="Scenario"
        subtitle={
          <Link href={`/p/${projectId}/environment`} className="text-indigo-700 hover:underline">
            ← Environment
          </Link>
        }
      />
      <ScenarioDetail
        projectId={projectId}
        scenarioId={decodeURIComponent(scenarioId)}
        canWrite={allows('write', role)}
        initialTab={TABS.includes(tab as ScenarioTab) ? (tab as ScenarioTab) : 'cases'}
        forkedFrom={forkedFrom ?? null}
      />
    </>
  );
}
