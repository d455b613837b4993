// Data › Events: the explorer over every interaction the project collected.
import { Suspense } from 'react';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { Card } from '@/components/ui/card';
import { EventsExplorer } from '@/components/data/events/events-explorer';

export const metadata = { title: 'Data · Events' };

export default async function DataEventsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  return (
    <Card title="Events">
      <Suspense fallback={<p className="text-sm text-slate-500">Loading events…</p>}>
        <EventsExplorer projectId={projectId} canWrite={allows('write', role)} />
      </Suspense>
    </Card>
  );
}
