import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { PageHeader } from '@/components/ui/page-header';
import { AllocationDetail } from '@/components/compute/allocation-detail';

export const metadata = { title: 'Allocation' };

export default async function AllocationPage({ params }: { params: Promise<{ projectId: string; allocationId: string }> }) {
  const { projectId, allocationId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  return (
    <>
      <PageHeader
        title="Allocation"
        subtitle={
          <Link href={`/p/${projectId}/compute`} className="text-indigo-700 hover:underline">
            ← Compute
          </Link>
        }
      />
      <AllocationDetail projectId={projectId} allocationId={allocationId} canWrite={allows('write', role)} />
    </>
  );
}
