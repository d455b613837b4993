import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { PageHeader } from '@/components/ui/page-header';
import { TemplatesEditor } from '@/components/runtime/templates-editor';

export const metadata = { title: 'Agent templates' };

export default async function TemplatesPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader title="Agent templates" subtitle="Tools, limits and pool sizing that deployments run with." />
      <TemplatesEditor projectId={projectId} canWrite={allows('write', role)} />
    </>
  );
}
