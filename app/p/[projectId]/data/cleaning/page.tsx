// Data › Cleaning: start a run (engineers and admins), every run with its outcome, and how good cleaning measures.
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { Card } from '@/components/ui/card';
import { QualityCard } from '@/components/data/cleaning/quality-card';
import { RunsTable } from '@/components/data/cleaning/runs-table';
import { StartRunForm } from '@/components/data/cleaning/start-run-form';

export const metadata = { title: 'Data · Cleaning' };

export default async function CleaningPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  const canWrite = allows('write', role);
  return (
    <div className="grid gap-6">
      {canWrite && (
        <Card title="Run cleaning">
          <StartRunForm projectId={projectId} />
        </Card>
      )}
      <Card title="Cleaning runs">
        <RunsTable projectId={projectId} canWrite={canWrite} />
      </Card>
      <QualityCard projectId={projectId} />
    </div>
  );
}
