'use client';
// The chain behind what the run made, newest first: deployment → evaluation → model → training run → dataset → events.
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { ErrorLine } from '@/components/ui/list-state';

export function Lineage({ projectId, runId }: { projectId: string; runId: string }) {
  const trpc = useTRPC();
  const { data, error } = useQuery(trpc.pipeline.lineage.queryOptions({ projectId, runId }));
  if (error) return <ErrorLine message={error.message} />;
  if (!data) return <p className="text-sm text-slate-500">Loading…</p>;
  const p = `/p/${projectId}`;
  const link = (href: string, text: string) => (
    <Link className="font-mono text-xs text-indigo-700 hover:underline" href={href}>
      {text}
    </Link>
  );
  const items: { kind: string; body: React.ReactNode }[] = [
    {
      kind: 'Deployment',
      body: data.deployment ? (
        <>
          {link(`${p}/runtime/${data.deployment.id}`, data.deployment.id)} v{data.deployment.version} · {data.deployment.status} ·{' '}
          {data.deployment.endpoint}
        </>
      ) : (
        'not deployed'
      ),
    },
    {
      kind: 'Evaluation',
      body: data.evaluation ? (
        <>
          {link(`${p}/evaluation/runs/${data.evaluation.id}`, data.evaluation.id)} on {data.evaluation.tasksetId} ·{' '}
          {data.evaluation.verdict?.toUpperCase() ?? '…'}
          {data.evaluation.accuracy !== null && ` · accuracy ${(data.evaluation.accuracy * 100).toFixed(1)}%`}
        </>
      ) : (
        'not evaluated'
      ),
    },
    {
      kind: 'Model',
      body: data.model ? (
        <>
          {link(`${p}/training/models/${data.model.id}`, data.model.id)} ({data.model.name}, {data.model.base})
          {data.model.sentBackBy && <> · sent back by {link(`${p}/evaluation/runs/${data.model.sentBackBy}`, data.model.sentBackBy)}</>}
        </>
      ) : (
        'not trained'
      ),
    },
    {
      kind: 'Training run',
      body: data.training ? (
        <>
          {link(`${p}/training/runs/${data.training.id}`, data.training.id)} ({data.training.name})
        </>
      ) : (
        '—'
      ),
    },
    {
      kind: 'Dataset version',
      body: data.dataset ? (
        <>
          {link(`${p}/data/datasets/${data.dataset.id}`, data.dataset.id)} · {data.dataset.trainCount} train /{' '}
          {data.dataset.validationCount} validation examples
        </>
      ) : (
        '—'
      ),
    },
    {
      kind: 'Events',
      body: data.events.bySource.length ? (
        <>
          {data.events.bySource.map((s) => `${s.n} from ${s.source}`).join(', ')} · e.g.{' '}
          {data.events.sample.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              {link(`${p}/data/events/${id}`, id)}
            </span>
          ))}
        </>
      ) : (
        '—'
      ),
    },
  ];
  return (
    <ol className="grid gap-2 text-sm" aria-label="Lineage">
      {items.map((it, i) => (
        <li key={it.kind} className="flex gap-3" data-lineage={it.kind}>
          <span className="w-32 shrink-0 text-slate-500">
            {i > 0 && '↳ '}
            {it.kind}
          </span>
          <span>{it.body}</span>
        </li>
      ))}
    </ol>
  );
}
