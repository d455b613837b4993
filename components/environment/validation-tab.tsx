'use client';
// check_environment for this version: start it (how many baseline runs, from which seed), watch it, read the report.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers/_app';
import { useTRPC } from '@/components/trpc/client';
import { ago, isActive } from '@/components/ui/format';
import { Badge, jobStatusTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Field, fieldError } from '@/components/ui/field';
import { ProgressBar } from '@/components/ui/progress-bar';
import { ValidationReportView } from './validation-report';

type Detail = inferRouterOutputs<AppRouter>['environment']['scenarios']['get'];

export function ValidationTab({ projectId, detail, canWrite }: { projectId: string; detail: Detail; canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [runs, setRuns] = useState('3');
  const [seed, setSeed] = useState('1');
  const { scenario, validationJob } = detail;
  const start = useMutation(
    trpc.environment.validate.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.environment.pathKey() }) }),
  );
  const running = isActive(validationJob?.status);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate({ projectId, scenarioId: scenario.id, runs: Number(runs), seed: Number(seed) });
  };
  return (
    <div className="grid gap-6">
      {canWrite && (
        <Card title="Validate this version">
          <form onSubmit={submit} noValidate className="flex flex-wrap items-start gap-3" aria-label="Validate scenario">
            <Field
              id="val-runs"
              label="Baseline runs"
              type="number"
              min={1}
              max={10}
              value={runs}
              onChange={(e) => setRuns(e.target.value)}
              error={fieldError(start.error, 'runs')}
              className="w-28"
              hint="for the stability check"
            />
            <Field
              id="val-seed"
              label="First seed"
              type="number"
              min={0}
              value={seed}
              onChange={(e) => setSeed(e.target.value)}
              error={fieldError(start.error, 'seed')}
              className="w-28"
            />
            <Button type="submit" disabled={start.isPending || running} className="mt-6">
              Validate
            </Button>
            {start.error && !fieldError(start.error, 'runs') && !fieldError(start.error, 'seed') && (
              <p role="alert" className="mt-7 text-sm text-red-700">
                {start.error.message}
              </p>
            )}
          </form>
          <p className="mt-2 text-xs text-slate-500">
            Checks that cases are well-formed and unique, expected answers agree with the reference solver, the tools exist, and the
            baseline gives the same results run after run. Training and evaluation refuse a version that has not passed.
          </p>
        </Card>
      )}
      {validationJob && (running || validationJob.status === 'failed') && (
        <Card
          title={
            <span className="flex items-center gap-2">
              Validation job <Badge tone={jobStatusTone[validationJob.status]}>{validationJob.status}</Badge>
            </span>
          }
        >
          <ProgressBar value={validationJob.progress} label="Validation progress" />
          <p className="mt-2 text-sm text-slate-600" data-testid="validation-message">
            {validationJob.error ?? validationJob.message}
          </p>
        </Card>
      )}
      {scenario.validationReport ? (
        <Card
          title={
            <span>
              Report · {scenario.validationStatus === 'passed' ? 'passed' : 'failed'} · checked {ago(scenario.validatedAt)}
            </span>
          }
        >
          <ValidationReportView report={scenario.validationReport} />
        </Card>
      ) : (
        !running && (
          <EmptyState title="Not validated yet">
            {scenario.revision > 1 && scenario.validationJobId
              ? 'This version changed since it was last validated: validate it again.'
              : 'Validate this version to see its report here.'}
          </EmptyState>
        )
      )}
    </div>
  );
}
