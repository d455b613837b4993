import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { PageHeader } from '@/components/ui/page-header';
import { RunDetail } from '@/components/training/run-detail';

export const metadata = { title: 'Training run' };

export default async function RunPage({ params }: { params: Promise<{ projectId: string; runId: string }> }) {
  const { projectId, runId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader
        title="Training run"
        subtitle={
          <Link href={`/p/${projectId}/training`} className="text-indigo-700 hover:underline">
            ← All runs
          </Link>
        }
      />
      <RunDetail projectId={projectId} runId={runId} canWrite={allows('write', role)} />
    </>
  );
}
