'use client';
// Runs of this version: start one (baseline or a registered model), and watch them progress.
import { Card } from '@/components/ui/card';
import { RunsTable } from './runs-table';
import { StartRunForm } from './start-run-form';

export function RunsTab({ projectId, scenarioId, canWrite }: { projectId: string; scenarioId: string; canWrite: boolean }) {
  return (
    <div className="grid gap-6">
      {canWrite && (
        <Card title="Run an agent">
          <StartRunForm projectId={projectId} scenarioId={scenarioId} />
        </Card>
      )}
      <Card title="Runs of this version">
        <RunsTable projectId={projectId} scenarioId={scenarioId} />
      </Card>
    </div>
  );
}
