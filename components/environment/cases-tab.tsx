'use client';
// The builder: add one case by form, paste many, or generate arithmetic; below, the version's cases.
import { Card } from '@/components/ui/card';
import { CaseForm } from './case-form';
import { CaseList } from './case-list';
import { GenerateCases } from './generate-cases';
import { PasteCases } from './paste-cases';

export function CasesTab({
  projectId,
  scenarioId,
  type,
  canWrite,
}: {
  projectId: string;
  scenarioId: string;
  type: string;
  canWrite: boolean;
}) {
  return (
    <div className="grid gap-6">
      {canWrite && (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Add a case">
            <CaseForm projectId={projectId} scenarioId={scenarioId} />
          </Card>
          <Card title="Paste many">
            <PasteCases projectId={projectId} scenarioId={scenarioId} />
          </Card>
          {type === 'math_calculator' && (
            <Card title="Generate arithmetic" className="lg:col-span-2">
              <GenerateCases projectId={projectId} scenarioId={scenarioId} />
            </Card>
          )}
        </div>
      )}
      <Card title="Test cases">
        <CaseList projectId={projectId} scenarioId={scenarioId} canWrite={canWrite} />
      </Card>
    </div>
  );
}
