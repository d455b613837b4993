import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { factory } from '@/components/shell/factories';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { DeployForm } from '@/components/runtime/deploy-form';
import { DeploymentsTable } from '@/components/runtime/deployments-table';

export const metadata = { title: 'Runtime' };

const linkClass = 'rounded-md bg-white px-3 py-1.5 text-sm font-medium shadow-sm ring-1 ring-slate-300 hover:bg-slate-50';

export default async function RuntimePage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  const canWrite = allows('write', role);
  const f = factory('runtime');
  return (
    <>
      <PageHeader
        title={`${f.step}. ${f.name}`}
        subtitle="Serve a model that passed its evaluation from a warm sandbox pool over the OpenAI API; every exchange flows back into Data."
        actions={
          <div className="flex gap-2">
            {canWrite && (
              <Link href={`/p/${projectId}/runtime/playground`} className={linkClass}>
                Playground
              </Link>
            )}
            <Link href={`/p/${projectId}/runtime/templates`} className={linkClass}>
              Templates
            </Link>
          </div>
        }
      />
      <div className="grid gap-6">
        <Card title="Deployments">
          <DeploymentsTable projectId={projectId} />
        </Card>
        {canWrite && (
          <Card title="Deploy a model">
            <DeployForm projectId={projectId} />
          </Card>
        )}
      </div>
    </>
  );
}
