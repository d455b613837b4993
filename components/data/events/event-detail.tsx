// One event in full: raw text beside the cleaned text, how it arrived, its cleaning verdict, rating and datasets.
import Link from 'next/link';
import type { Event } from '@/db/schema';
import { Card } from '@/components/ui/card';
import { CleanStatusBadge } from './clean-status-badge';

type Detail = { event: Event; rating: { mean: number; n: number } | null; datasets: { datasetId: string; split: string }[] };

function TextBlock({ label, text }: { label: string; text: string | null }) {
  return (
    <div className="min-w-0">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</h3>
      {text === null ? (
        <p className="text-sm text-slate-400">—</p>
      ) : (
        <pre className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800">
          {text || '(empty)'}
        </pre>
      )}
    </div>
  );
}

export function EventDetail({ projectId, detail }: { projectId: string; detail: Detail }) {
  const { event: e, rating, datasets } = detail;
  const cleaned = e.cleanPrompt !== null || e.cleanResponse !== null;
  const facts: [string, React.ReactNode][] = [
    [
      'Agent',
      <span key="agent" className="font-mono">
        {e.agentId}
      </span>,
    ],
    ['Source', e.source],
    ['Happened', new Date(e.occurredAt).toLocaleString()],
    ['Arrived', new Date(e.ingestedAt).toLocaleString()],
    ['Client id', e.clientId ?? '—'],
    ['Batch', e.batchId ?? '—'],
    ['Cleaning', <CleanStatusBadge key="cleaning" status={e.cleanStatus} reason={e.filterReason} />],
    [
      'Duplicate of',
      e.duplicateOf ? (
        <Link key="duplicate" className="text-indigo-700 hover:underline" href={`/p/${projectId}/data/events/${e.duplicateOf}`}>
          {e.duplicateOf}
        </Link>
      ) : (
        '—'
      ),
    ],
    ['Clean run', e.cleanRunId ?? '—'],
    ['Mean rating', rating ? `${rating.mean.toFixed(2)} (${rating.n} rating${rating.n === 1 ? '' : 's'})` : 'not rated'],
  ];
  return (
    <div className="grid gap-6">
      <Card title={<span className="font-mono">{e.id}</span>}>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd className="truncate">{v}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title="Prompt">
        <div className={`grid gap-4 ${cleaned ? 'md:grid-cols-2' : ''}`}>
          <TextBlock label="Raw" text={e.prompt} />
          {cleaned && <TextBlock label="Cleaned" text={e.cleanPrompt} />}
        </div>
      </Card>
      <Card title="Response">
        <div className={`grid gap-4 ${cleaned ? 'md:grid-cols-2' : ''}`}>
          <TextBlock label="Raw" text={e.response} />
          {cleaned && <TextBlock label="Cleaned" text={e.cleanResponse} />}
        </div>
        {!cleaned && (
          <p className="mt-3 text-xs text-slate-500">
            No cleaned text yet: a cleaning run writes the redacted text beside the raw one, which is never changed.
          </p>
        )}
      </Card>
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Metadata">
          <pre className="max-h-72 overflow-auto text-xs">{JSON.stringify(e.metadata, null, 2)}</pre>
        </Card>
        <Card title="In datasets">
          {datasets.length ? (
            <ul className="flex flex-col gap-1 text-sm">
              {datasets.map((d) => (
                <li key={d.datasetId}>
                  <Link className="font-mono text-indigo-700 hover:underline" href={`/p/${projectId}/data/datasets/${d.datasetId}`}>
                    {d.datasetId}
                  </Link>{' '}
                  <span className="text-slate-500">({d.split})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">Not in any dataset version yet.</p>
          )}
        </Card>
      </div>
    </div>
  );
}
