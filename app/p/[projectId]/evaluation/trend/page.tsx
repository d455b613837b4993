import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { PageHeader } from '@/components/ui/page-header';
import { TrendView } from '@/components/evaluation/trend-view';

export const metadata = { title: 'Evaluation trends' };

export default async function TrendPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ line?: string }>;
}) {
  const { projectId } = await params;
  const { line } = await searchParams;
  await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader
        title="Trends"
        subtitle={
          <Link href={`/p/${projectId}/evaluation`} className="text-indigo-700 hover:underline" data-print="hide">
            ← Evaluation
          </Link>
        }
      />
      <TrendView projectId={projectId} initialLine={line} />
    </>
  );
}
