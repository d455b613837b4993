import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { factory } from '@/components/shell/factories';
import { PageHeader } from '@/components/ui/page-header';
import { Card } from '@/components/ui/card';
import { RunsTable } from '@/components/training/runs-table';
import { StartTrainingForm, type TrainingPrefill } from '@/components/training/start-training-form';

export const metadata = { title: 'Training' };

const PREFILL = ['name', 'datasetId', 'scenarioId', 'base', 'epochs', 'maxSeconds', 'modelSize', 'sentBackBy'] as const;

export default async function TrainingPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { projectId } = await params;
  const query = await searchParams;
  // An evaluation's "back to training" opens this page with the run's dataset and lineage filled in.
  const prefill: TrainingPrefill = Object.fromEntries(PREFILL.flatMap((k) => (typeof query[k] === 'string' ? [[k, query[k]]] : [])));
  const { role } = await requireProjectAccess(projectId, 'read');
  const f = factory('training');
  return (
    <>
      <PageHeader
        title={`${f.step}. ${f.name}`}
        subtitle="Train the agent’s model on a dataset version, validated on a scenario, with live loss curves and checkpoints."
        actions={
          <Link
            href={`/p/${projectId}/training/models`}
            className="rounded-md bg-white px-3 py-1.5 text-sm font-medium shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
          >
            Model registry
          </Link>
        }
      />
      <div className="grid gap-6">
        {allows('write', role) && (
          <Card title="New training run">
            <StartTrainingForm projectId={projectId} prefill={prefill} />
          </Card>
        )}
        <Card title="Runs">
          <RunsTable projectId={projectId} />
        </Card>
      </div>
    </>
  );
}
