import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { PageHeader } from '@/components/ui/page-header';
import { RunDetail } from '@/components/environment/run-detail';

export const metadata = { title: 'Run' };

export default async function RunPage({ params }: { params: Promise<{ projectId: string; runId: string }> }) {
  const { projectId, runId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader
        title="Run"
        subtitle={
          <Link href={`/p/${projectId}/environment`} className="text-indigo-700 hover:underline">
            ← Environment
          </Link>
        }
      />
      <RunDetail projectId={projectId} runId={runId} canWrite={allows('write', role)} />
    </>
  );
}
