// Data › Datasets › one version.
import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { DatasetDetail } from '@/components/data/datasets/dataset-detail';

export const metadata = { title: 'Data · Dataset' };

export default async function DatasetPage({ params }: { params: Promise<{ projectId: string; datasetId: string }> }) {
  const { projectId, datasetId } = await params;
  await requireProjectAccess(projectId, 'read');
  return (
    <>
      <Link href={`/p/${projectId}/data/datasets`} className="mb-4 inline-block text-sm text-indigo-700 hover:underline">
        ← All dataset versions
      </Link>
      <DatasetDetail projectId={projectId} datasetId={datasetId} />
    </>
  );
}
