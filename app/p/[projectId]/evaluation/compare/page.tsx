import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { CompareView } from '@/components/evaluation/compare-view';

export const metadata = { title: 'Compare runs' };

export default async function ComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ a?: string; b?: string }>;
}) {
  const { projectId } = await params;
  const { a, b } = await searchParams;
  await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader
        title="Compare two runs"
        subtitle={
          <Link href={`/p/${projectId}/evaluation`} className="text-indigo-700 hover:underline" data-print="hide">
            ← Evaluation
          </Link>
        }
      />
      {a && b ? (
        <CompareView projectId={projectId} a={a} b={b} />
      ) : (
        <EmptyState title="Pick two runs">Tick two runs in the Evaluation page’s list to compare them.</EmptyState>
      )}
    </>
  );
}
