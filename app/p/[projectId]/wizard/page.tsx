import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { PageHeader } from '@/components/ui/page-header';
import { WizardHome } from '@/components/wizard/wizard-home';

export const metadata = { title: 'Wizard' };

export default async function WizardPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader
        title="From zero to a deployed agent"
        subtitle="Six steps, each a factory of its own. Every step can also be done from the factory's page, the public API or the CLI."
      />
      <WizardHome projectId={projectId} canWrite={allows('write', role)} />
    </>
  );
}
