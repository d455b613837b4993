import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { factory } from '@/components/shell/factories';
import { PageHeader } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { CapacityCards } from '@/components/compute/capacity-cards';
import { RequestForm } from '@/components/compute/request-form';
import { QueueList } from '@/components/compute/queue-list';
import { AllocationsTable } from '@/components/compute/allocations-table';
import { UtilisationChart } from '@/components/compute/utilisation-chart';
import { MachinesList } from '@/components/compute/machines-list';
import { ClusterPools } from '@/components/compute/cluster-pools';

export const metadata = { title: 'Compute' };

export default async function ComputePage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  const canWrite = allows('write', role);
  const f = factory('compute');
  return (
    <>
      <PageHeader
        title={`${f.step}. ${f.name}`}
        subtitle="This machine's cores, memory and GPUs plus the remote workers connected now, beside the partitions of any Slurm cluster connected in Settings (where Slurm decides). Requests are granted when they fit, wait in line (priority, then first come) when they do not, and are refused when they never could."
      />
      <div className="grid gap-6">
        <CapacityCards projectId={projectId} />
        <Card title="Cluster pools">
          <ClusterPools projectId={projectId} />
        </Card>
        {canWrite ? (
          <Card title="Request resources">
            <RequestForm projectId={projectId} />
          </Card>
        ) : (
          <p className="text-sm text-slate-500">Your role can see the pool but not reserve from it.</p>
        )}
        <Card title="Queue">
          <QueueList projectId={projectId} canWrite={canWrite} />
        </Card>
        <Card title="Allocations">
          <AllocationsTable projectId={projectId} canWrite={canWrite} />
        </Card>
        <Card title="Utilisation">
          <UtilisationChart projectId={projectId} />
        </Card>
        <Card title="Machines">
          <MachinesList projectId={projectId} />
        </Card>
      </div>
    </>
  );
}
