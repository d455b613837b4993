// One annotation queue, for engineers (and, read-only, viewers): progress, agreement, the judge, raters and items.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TRPCError } from '@trpc/server';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { serverApi } from '@/server/trpc/server-caller';
import { SectionHeader } from '@/components/ui/section-header';
import { QueueDetail } from '@/components/data/annotation/queue-detail';

export const metadata = { title: 'Annotation queue' };

export default async function QueuePage({ params }: { params: Promise<{ projectId: string; queueId: string }> }) {
  const { projectId, queueId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  const api = await serverApi();
  const report = await api.data.annotation.report({ projectId, queueId }).catch((err: unknown) => {
    if (err instanceof TRPCError && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  return (
    <>
      <SectionHeader
        title={report.queue.name}
        subtitle={
          <Link href={`/p/${projectId}/data/annotation`} className="text-indigo-700 hover:underline">
            ← All annotation queues
          </Link>
        }
      />
      <QueueDetail projectId={projectId} queueId={queueId} canWrite={allows('write', role)} initial={report} />
    </>
  );
}
