import { requireProjectAccess } from '@/server/auth/page-guard';
import { FactoryEmptyPage } from '@/components/shell/factory-page';

export const metadata = { title: 'Evaluation' };

export default async function EvaluationPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await requireProjectAccess(projectId, 'read');
  return <FactoryEmptyPage projectId={projectId} slug="evaluation" />;
}
