import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { PageHeader } from '@/components/ui/page-header';
import { TasksetDetail } from '@/components/evaluation/taskset-detail';

export const metadata = { title: 'Taskset' };

export default async function TasksetPage({ params }: { params: Promise<{ projectId: string; tasksetId: string }> }) {
  const { projectId, tasksetId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader
        title={`Taskset ${tasksetId}`}
        subtitle={
          <Link href={`/p/${projectId}/evaluation`} className="text-indigo-700 hover:underline">
            ← Evaluation
          </Link>
        }
      />
      <TasksetDetail projectId={projectId} tasksetId={tasksetId} canWrite={allows('write', role)} />
    </>
  );
}
