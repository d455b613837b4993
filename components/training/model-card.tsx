// A model's card: what it is, what it was made from, how well it did, and where its artefact lives.
import Link from 'next/link';
import type { Model } from '@/db/schema';
import { Card } from '@/components/ui/card';
import { belowBaselineWarning } from '@/common/training-baseline';

export function ModelCard({ projectId, model }: { projectId: string; model: Model }) {
  const m = model.metrics;
  const warning = belowBaselineWarning(m);
  const rows: [string, React.ReactNode][] = [
    ['Base', model.base],
    ['Dataset', model.datasetId],
    ['Scenario', model.scenarioId],
    [
      'Allocation',
      model.allocationId ? (
        <Link className="text-indigo-700 hover:underline" href={`/p/${projectId}/compute/${model.allocationId}`}>
          {model.allocationId}
        </Link>
      ) : (
        '—'
      ),
    ],
    [
      'Training run',
      model.runId ? (
        <Link className="text-indigo-700 hover:underline" href={`/p/${projectId}/training/runs/${model.runId}`}>
          {model.runId}
        </Link>
      ) : (
        '—'
      ),
    ],
    [
      'Hyper-parameters',
      <pre key="h" className="max-w-full overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs">
        {JSON.stringify(model.hyperParams, null, 1)}
      </pre>,
    ],
    [
      'Architecture',
      <pre key="a" className="max-w-full overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs">
        {JSON.stringify(model.architecture, null, 1)}
      </pre>,
    ],
    [
      'Artefact',
      <span key="s" className="font-mono text-xs">
        sha256:{model.sha256} · {(model.sizeBytes / 1024).toFixed(1)} KB
      </span>,
    ],
    ['Registered', new Date(model.createdAt).toLocaleString()],
    ...(model.sentBackBy
      ? ([
          [
            'Sent back by',
            <Link
              key="sb"
              className="font-mono text-indigo-700 hover:underline"
              href={`/p/${projectId}/evaluation/runs/${model.sentBackBy}`}
            >
              {model.sentBackBy}
            </Link>,
          ],
        ] as [string, React.ReactNode][])
      : []),
  ];
  return (
    <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
      <Card title="Lineage">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm" aria-label="Lineage">
          {rows.map(([k, v]) => [
            <dt key={`${k}-k`} className="text-slate-500">
              {k}
            </dt>,
            <dd key={`${k}-v`} className="break-all">
              {v}
            </dd>,
          ])}
        </dl>
      </Card>
      <Card title="Final metrics">
        {warning && (
          <p
            className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            data-testid="model-below-baseline"
          >
            {warning}
          </p>
        )}
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          <dt className="text-slate-500">Validation accuracy</dt>
          <dd data-testid="model-accuracy">{m.valAccuracy === null ? '—' : `${(m.valAccuracy * 100).toFixed(1)}%`}</dd>
          <dt className="text-slate-500">Scenario baseline</dt>
          <dd>{m.baselineAccuracy === null || m.baselineAccuracy === undefined ? '—' : `${(m.baselineAccuracy * 100).toFixed(1)}%`}</dd>
          <dt className="text-slate-500">Train loss</dt>
          <dd>{m.trainLoss?.toFixed(4) ?? '—'}</dd>
          <dt className="text-slate-500">Validation loss</dt>
          <dd>{m.valLoss?.toFixed(4) ?? '—'}</dd>
          <dt className="text-slate-500">Steps</dt>
          <dd>{m.steps}</dd>
          <dt className="text-slate-500">Throughput</dt>
          <dd>{m.tokensPerSec ? `${Math.round(m.tokensPerSec).toLocaleString('en')} tokens/s` : '—'}</dd>
          <dt className="text-slate-500">Wall time</dt>
          <dd>{m.wallSeconds.toFixed(0)} s</dd>
        </dl>
      </Card>
    </div>
  );
}
