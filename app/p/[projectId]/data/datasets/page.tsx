// Data › Datasets: every version, and (for engineers and admins) building a new one.
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { Card } from '@/components/ui/card';
import { CreateDatasetForm } from '@/components/data/datasets/create-dataset-form';
import { DatasetsTable } from '@/components/data/datasets/datasets-table';

export const metadata = { title: 'Data · Datasets' };

export default async function DatasetsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  return (
    <div className="grid gap-6">
      {allows('write', role) && (
        <Card title="Build a dataset version">
          <CreateDatasetForm projectId={projectId} />
        </Card>
      )}
      <Card title="Dataset versions">
        <DatasetsTable projectId={projectId} />
      </Card>
    </div>
  );
}
