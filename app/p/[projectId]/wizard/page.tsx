import { requireProjectAccess } from '@/server/auth/page-guard';
import { PageHeader } from '@/components/ui/page-header';
import { Stepper, type StepState } from '@/components/wizard/stepper';

export const metadata = { title: 'Wizard' };

export default async function WizardPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await requireProjectAccess(projectId, 'read');
  // Each factory reports its own completion as it lands; until then the flow starts at Compute.
  const states: Record<string, StepState> = { compute: 'current' };
  return (
    <>
      <PageHeader
        title="From zero to a deployed agent"
        subtitle="Six steps, each a factory of its own. Every step can also be done from the factory's page, the public API or the CLI."
      />
      <Stepper projectId={projectId} states={states} />
    </>
  );
}
