// One event in full: its text as the reader may see it (cleaned, or redacted on the fly), the raw text beside it only
// when an engineer asked for the original, how it arrived, its cleaning verdict, rating and datasets.
import Link from 'next/link';
import type { CleanStatus, Event } from '@/db/schema';
import { RedactedBadge } from './redacted-badge';
import { Card } from '@/components/ui/card';
import { CleanStatusBadge } from './clean-status-badge';

type Detail = {
  event: Event & {
    cleanStatus: CleanStatus;
    filterReason: string | null;
    duplicateOf: string | null;
    cleanRunId: string | null;
    redacted: boolean;
    cleaned: boolean;
  };
  original: { prompt: string; response: string } | null;
  mayReadOriginal: boolean;
  rating: { mean: number; n: number } | null;
  datasets: { datasetId: string; split: string }[];
};

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
  const { event: e, original, rating, datasets } = detail;
  const shownLabel = e.cleaned ? 'Cleaned' : 'Redacted preview';
  const href = `/p/${projectId}/data/events/${e.id}`;
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
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {e.redacted && <RedactedBadge />}
        {!e.cleaned && (
          <span className="text-slate-500">Not cleaned yet: personal data is redacted here as a cleaning run would redact it.</span>
        )}
        {detail.mayReadOriginal &&
          (original ? (
            <Link className="text-indigo-700 hover:underline" href={href}>
              Hide original
            </Link>
          ) : (
            <Link className="text-indigo-700 hover:underline" href={`${href}?original=1`}>
              Show original
            </Link>
          ))}
      </div>
      <Card title="Prompt">
        <div className={`grid gap-4 ${original ? 'md:grid-cols-2' : ''}`}>
          <TextBlock label={shownLabel} text={e.prompt} />
          {original && <TextBlock label="Original (raw)" text={original.prompt} />}
        </div>
      </Card>
      <Card title="Response">
        <div className={`grid gap-4 ${original ? 'md:grid-cols-2' : ''}`}>
          <TextBlock label={shownLabel} text={e.response} />
          {original && <TextBlock label="Original (raw)" text={original.response} />}
        </div>
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
