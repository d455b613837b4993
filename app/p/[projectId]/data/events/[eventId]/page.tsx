// Data › Events › one event, loaded through the server-side tRPC caller (same access rule as the API: read).
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TRPCError } from '@trpc/server';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { serverApi } from '@/server/trpc/server-caller';
import { EventDetail } from '@/components/data/events/event-detail';

export const metadata = { title: 'Data · Event' };

export default async function EventPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string; eventId: string }>;
  searchParams: Promise<{ original?: string }>;
}) {
  const { projectId, eventId } = await params;
  const original = (await searchParams).original === '1';
  await requireProjectAccess(projectId, 'read');
  const api = await serverApi();
  const detail = await api.data.events.get({ projectId, eventId, original }).catch((err) => {
    if (err instanceof TRPCError && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  return (
    <>
      <Link href={`/p/${projectId}/data`} className="mb-4 inline-block text-sm text-indigo-700 hover:underline">
        ← All events
      </Link>
      <EventDetail projectId={projectId} detail={detail} />
    </>
  );
}
