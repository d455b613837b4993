import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { PageHeader } from '@/components/ui/page-header';
import { ModelsRegistry } from '@/components/training/models-registry';

export const metadata = { title: 'Model registry' };

export default async function ModelsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader
        title="Model registry"
        subtitle={
          <Link href={`/p/${projectId}/training`} className="text-indigo-700 hover:underline">
            ← Training
          </Link>
        }
      />
      <ModelsRegistry projectId={projectId} />
    </>
  );
}
