// Data › Cleaning › one run: its report, and the redactions to review (approve and correct for engineers and admins).
import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { RunReport } from '@/components/data/cleaning/run-report';

export const metadata = { title: 'Data · Cleaning run' };

export default async function CleaningRunPage({ params }: { params: Promise<{ projectId: string; runId: string }> }) {
  const { projectId, runId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  return (
    <>
      <Link href={`/p/${projectId}/data/cleaning`} className="mb-4 inline-block text-sm text-indigo-700 hover:underline">
        ← All cleaning runs
      </Link>
      <RunReport projectId={projectId} runId={runId} canWrite={allows('write', role)} />
    </>
  );
}
