'use client';
// The project's landing page: what to do first (continue the open run, or start one), the six steps as the latest run
// has them, and every run so far.
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Card } from '@/components/ui/card';
import { Stepper, type StepState } from './stepper';
import { RunsTable } from './runs-table';
import { StartWizardButton } from './start-wizard-button';

export function WizardHome({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.pipeline.list.queryOptions({ projectId, page: 1, pageSize: 10 }));
  const latest = data?.rows[0];
  const open = data?.rows.find((r) => r.status === 'open');
  const states: Record<string, StepState> = {};
  const firstTodo = latest?.steps.find((s) => s.status !== 'succeeded')?.step ?? (latest ? null : 'compute');
  for (const s of latest?.steps ?? []) states[s.step] = s.status === 'succeeded' ? 'done' : s.step === firstTodo ? 'current' : 'todo';
  if (!latest) states.compute = 'current';
  const nextStep = open?.steps.find((s) => s.status !== 'succeeded')?.step;
  return (
    <div className="grid gap-6">
      <Card title="What to do first">
        <div className="flex flex-wrap items-center gap-4 text-sm text-slate-700" data-testid="wizard-first">
          {open ? (
            <>
              <span>
                {open.steps.every((s) => s.status === 'pending')
                  ? `${open.name} is ready to start: begin with Compute, then follow the steps.`
                  : `Continue ${open.name} at ${nextStep ?? 'its last step'}.`}
              </span>
              <Link
                href={`/p/${projectId}/wizard/${open.id}`}
                className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
              >
                {open.steps.every((s) => s.status === 'pending') ? 'Start the wizard' : 'Continue the wizard'}
              </Link>
              {canWrite && <StartWizardButton projectId={projectId} variant="secondary" />}
            </>
          ) : canWrite ? (
            <>
              <span>Start a run: Compute, Data, Environment, Training, Evaluation, Runtime, one click each on the defaults.</span>
              <StartWizardButton projectId={projectId} label="Start the wizard" />
            </>
          ) : (
            <span>No run is open; an engineer starts one here.</span>
          )}
        </div>
      </Card>
      <Stepper projectId={projectId} states={states} />
      <Card title="Runs">
        <RunsTable projectId={projectId} />
      </Card>
    </div>
  );
}
