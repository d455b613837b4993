import { requireProjectAccess } from '@/server/auth/page-guard';
import { FactoryEmptyPage } from '@/components/shell/factory-page';

export const metadata = { title: 'Runtime' };

export default async function RuntimePage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await requireProjectAccess(projectId, 'read');
  return <FactoryEmptyPage projectId={projectId} slug="runtime" />;
}
