'use client';
// One dataset version: status (live while building), counts, downloads, stats, lineage and its examples.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Card } from '@/components/ui/card';
import { DatasetExamples } from './dataset-examples';
import { DatasetLineage } from './dataset-lineage';
import { DatasetStats } from './dataset-stats';
import { DatasetStatus } from './dataset-status';

export function DatasetDetail({ projectId, datasetId }: { projectId: string; datasetId: string }) {
  const trpc = useTRPC();
  const { data, error } = useQuery({
    ...trpc.data.datasets.get.queryOptions({ projectId, datasetId }),
    refetchInterval: (q) => (q.state.data?.dataset.status === 'building' ? 1000 : false),
  });
  if (error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error.message}
      </p>
    );
  if (!data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { dataset: d, job } = data;
  const download = (split: string) => `/api/data/${projectId}/datasets/${d.id}/export?split=${split}`;
  return (
    <div className="grid gap-6" data-dataset-status={d.status}>
      <Card title={<span className="font-mono">{d.id}</span>} actions={<DatasetStatus status={d.status} job={job} error={d.error} />}>
        {d.description && <p className="mb-3 text-sm text-slate-600">{d.description}</p>}
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
          <dt className="text-slate-500">Type</dt>
          <dd>{d.type} (chat fine-tuning pairs)</dd>
          <dt className="text-slate-500">Examples</dt>
          <dd data-testid="example-count">{d.status === 'ready' ? d.exampleCount.toLocaleString() : '—'}</dd>
          <dt className="text-slate-500">Train</dt>
          <dd>{d.status === 'ready' ? d.trainCount.toLocaleString() : '—'}</dd>
          <dt className="text-slate-500">Validation</dt>
          <dd>{d.status === 'ready' ? d.validationCount.toLocaleString() : '—'}</dd>
        </dl>
        {d.status === 'ready' && (
          <div className="mt-4 flex flex-wrap gap-3 text-sm">
            <span className="text-slate-600">Export (OpenAI chat JSONL):</span>
            <a className="font-medium text-indigo-700 hover:underline" href={download('train')} download>
              Download train
            </a>
            {d.validationCount > 0 && (
              <a className="font-medium text-indigo-700 hover:underline" href={download('validation')} download>
                Download validation
              </a>
            )}
            <a className="font-medium text-indigo-700 hover:underline" href={download('all')} download>
              Download all
            </a>
          </div>
        )}
      </Card>
      {d.status === 'ready' && d.stats && (
        <Card title="Statistics">
          <DatasetStats stats={d.stats} total={d.exampleCount} />
        </Card>
      )}
      <Card title="Lineage">
        <DatasetLineage projectId={projectId} dataset={d} />
      </Card>
      {d.status === 'ready' && (
        <Card title="Examples">
          <DatasetExamples projectId={projectId} datasetId={d.id} counts={{ train: d.trainCount, validation: d.validationCount }} />
        </Card>
      )}
    </div>
  );
}
