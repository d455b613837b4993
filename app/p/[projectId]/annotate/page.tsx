// The annotator's only page: their assigned items, one at a time, keyboard first.
import { requireProjectAccess } from '@/server/auth/page-guard';
import { PageHeader } from '@/components/ui/page-header';
import { AnnotateWorkspace } from '@/components/data/annotation/annotate-workspace';

export const metadata = { title: 'Annotation queue' };

export default async function AnnotatePage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ queue?: string }>;
}) {
  const { projectId } = await params;
  const { queue } = await searchParams;
  await requireProjectAccess(projectId, 'annotate');
  return (
    <>
      <PageHeader title="Annotation queue" subtitle="Rate agent interactions from 0 to 1, keyboard first." />
      <AnnotateWorkspace projectId={projectId} initialQueueId={queue} />
    </>
  );
}
