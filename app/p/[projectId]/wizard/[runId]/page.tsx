import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { PageHeader } from '@/components/ui/page-header';
import { RunWizard } from '@/components/wizard/run-wizard';

export const metadata = { title: 'Wizard run' };

export default async function WizardRunPage({ params }: { params: Promise<{ projectId: string; runId: string }> }) {
  const { projectId, runId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader
        title="From zero to a deployed agent"
        subtitle={
          <>
            One click per step on the defaults; pick or change anything before you start it.{' '}
            <Link className="text-indigo-700 hover:underline" href={`/p/${projectId}/wizard`}>
              All runs
            </Link>
          </>
        }
      />
      <RunWizard projectId={projectId} runId={runId} canWrite={allows('write', role)} />
    </>
  );
}
