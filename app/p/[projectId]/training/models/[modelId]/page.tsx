import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { serverApi } from '@/server/trpc/server-caller';
import { PageHeader } from '@/components/ui/page-header';
import { ModelCard } from '@/components/training/model-card';
import { GateStatus } from '@/components/evaluation/gate-status';
import { Card } from '@/components/ui/card';

export const metadata = { title: 'Model' };

export default async function ModelPage({ params }: { params: Promise<{ projectId: string; modelId: string }> }) {
  const { projectId, modelId } = await params;
  await requireProjectAccess(projectId, 'read');
  const model = await (await serverApi()).training.model({ projectId, modelId }).catch(() => null);
  if (!model) notFound();
  return (
    <>
      <PageHeader
        title={`Model ${model.name}`}
        subtitle={
          <>
            <span className="font-mono">{model.id}</span> ·{' '}
            <Link href={`/p/${projectId}/training/models`} className="text-indigo-700 hover:underline">
              registry
            </Link>
          </>
        }
      />
      <div className="grid gap-6">
        <ModelCard projectId={projectId} model={model} />
        <Card title="Quality gate">
          <GateStatus projectId={projectId} modelId={model.id} />
        </Card>
      </div>
    </>
  );
}
