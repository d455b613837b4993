import Link from 'next/link';
import { requireProjectAccess } from '@/server/auth/page-guard';
import { allows } from '@/server/auth/roles';
import { serverApi } from '@/server/trpc/server-caller';
import { factory } from '@/components/shell/factories';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { NewTasksetForm } from '@/components/evaluation/new-taskset-form';
import { PolicyPanel } from '@/components/evaluation/policy-panel';
import { RunsTable } from '@/components/evaluation/runs-table';
import { StartEvaluationForm } from '@/components/evaluation/start-evaluation-form';
import { TasksetsTable } from '@/components/evaluation/tasksets-table';

export const metadata = { title: 'Evaluation' };

const linkClass = 'rounded-md bg-white px-3 py-1.5 text-sm font-medium shadow-sm ring-1 ring-slate-300 hover:bg-slate-50';

export default async function EvaluationPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { role } = await requireProjectAccess(projectId, 'read');
  const canWrite = allows('write', role);
  const f = factory('evaluation');
  const subjects = await (await serverApi()).evaluation.runs.subjects({ projectId });
  const noSubject = (
    <EmptyState
      title={subjects.length ? 'No evaluations yet' : 'Train a model, then evaluate it here'}
      action={
        !subjects.length && (
          <Link className="text-sm font-medium text-indigo-700 hover:underline" href={`/p/${projectId}/training`}>
            Train a model on the Training page →
          </Link>
        )
      }
    >
      {subjects.length
        ? 'Start one above: every run scores accuracy, safety, latency and a judge, and passes or fails the gate.'
        : 'An evaluation scores a registered model (or an external endpoint an admin adds in Settings) on a taskset. The demo project already has taskset_math_v1 waiting below.'}
    </EmptyState>
  );
  return (
    <>
      <PageHeader
        title={`${f.step}. ${f.name}`}
        subtitle="Score accuracy, safety, latency and a calibrated judge on tasksets; only a model that passes the gate may be deployed."
        actions={
          <Link href={`/p/${projectId}/evaluation/trend`} className={linkClass}>
            Trends
          </Link>
        }
      />
      <div className="grid gap-6">
        <Card title="Quality gate">
          <PolicyPanel projectId={projectId} canWrite={canWrite} />
        </Card>
        {canWrite && subjects.length > 0 && (
          <Card title="New evaluation">
            <StartEvaluationForm projectId={projectId} />
          </Card>
        )}
        <Card title="Runs">
          <RunsTable projectId={projectId} empty={noSubject} />
        </Card>
        <Card title="Tasksets">
          <TasksetsTable projectId={projectId} />
        </Card>
        {canWrite && (
          <Card title="New taskset">
            <NewTasksetForm projectId={projectId} />
          </Card>
        )}
      </div>
    </>
  );
}
