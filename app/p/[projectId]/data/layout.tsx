// The Data factory's frame: its place in the flow and the tabs of its sections; each section page checks its own access.
import type { ReactNode } from 'react';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { factory } from '@/components/shell/factories';
import { PageHeader } from '@/components/ui/page-header';
import { DataTabs } from '@/components/data/data-tabs';

export default async function DataLayout({ children, params }: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { role } = await requireProjectAccess(projectId, 'member');
  const f = factory('data');
  return (
    <>
      <PageHeader title={`${f.step}. ${f.name}`} subtitle={f.tagline} />
      {allows('read', role) && <DataTabs projectId={projectId} />}
      {children}
    </>
  );
}
