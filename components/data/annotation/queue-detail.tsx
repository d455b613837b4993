'use client';
// One queue, for engineers: progress and settings, filling and assigning, agreement, the judge, raters and items.
import { useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers/_app';
import { useTRPC } from '@/components/trpc/client';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { AddItemsForm } from './add-items-form';
import { AgreementPanel } from './agreement-panel';
import { AssignForm } from './assign-form';
import { JudgeRunPanel } from './judge-run-panel';
import { QueueItemsTable } from './queue-items-table';
import { QueueSettingsPanel } from './queue-settings-panel';
import { RatersTable } from './raters-table';
import { RatingDistributionChart } from './rating-distribution-chart';

export type QueueReport = inferRouterOutputs<AppRouter>['data']['annotation']['report'];

export function QueueDetail({
  projectId,
  queueId,
  canWrite,
  initial,
}: {
  projectId: string;
  queueId: string;
  canWrite: boolean;
  initial: QueueReport;
}) {
  const trpc = useTRPC();
  const report = useQuery({
    ...trpc.data.annotation.report.queryOptions({ projectId, queueId }),
    initialData: initial,
    refetchInterval: 10_000,
  });
  const r = report.data;
  const anyRatings = r.distribution.raters.length > 0;
  return (
    <div className="grid gap-6">
      <Card title="Progress">
        <QueueSettingsPanel projectId={projectId} queue={r.queue} progress={r.progress} canWrite={canWrite} />
      </Card>
      {canWrite && (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Add items">
            <AddItemsForm projectId={projectId} queueId={queueId} />
          </Card>
          <Card title="Assign to raters">
            <AssignForm projectId={projectId} queueId={queueId} overlap={r.queue.overlap} />
          </Card>
        </div>
      )}
      <Card title="Agreement">
        <AgreementPanel report={r} />
      </Card>
      <Card title="LLM judge">
        <JudgeRunPanel projectId={projectId} queueId={queueId} canWrite={canWrite} />
      </Card>
      <Card title="Raters">
        <RatersTable projectId={projectId} queueId={queueId} raters={r.raters} canWrite={canWrite} />
      </Card>
      <Card title="Rating distribution">
        {anyRatings ? (
          <RatingDistributionChart distribution={r.distribution} />
        ) : (
          <EmptyState title="No ratings yet">Each rater’s spread over the scale appears here once they start.</EmptyState>
        )}
      </Card>
      <Card title="Items">
        <QueueItemsTable projectId={projectId} queueId={queueId} />
      </Card>
    </div>
  );
}
