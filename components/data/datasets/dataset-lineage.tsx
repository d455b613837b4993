// Where a version came from, so it can be reproduced and trusted: its recipe, seed, exact membership and cleaning.
import Link from 'next/link';
import type { Dataset } from '@/db/schema';

const Hash = ({ value }: { value: string | null }) =>
  value ? <code className="break-all text-xs">{value}</code> : <span className="text-slate-400">—</span>;

export function DatasetLineage({ projectId, dataset: d }: { projectId: string; dataset: Dataset }) {
  const recipe = d.filter.eventIds ? `${d.filter.eventIds.length.toLocaleString()} listed event ids` : JSON.stringify(d.filter);
  const rows: [string, React.ReactNode][] = [
    [
      'Recipe',
      <code key="recipe" className="break-all text-xs">
        {recipe === '{}' ? 'all events (except those cleaning filtered out)' : recipe}
      </code>,
    ],
    ['Split', `seed ${d.seed}, ${Math.round(d.validationFraction * 100)}% validation`],
    ['Membership hash', <Hash key="membership" value={d.membershipHash} />],
    ['Cleaning runs', d.cleanRunIds.length ? d.cleanRunIds.join(', ') : 'none (raw text)'],
    ['Train export sha256', <Hash key="train" value={d.trainExportSha256} />],
    ['Validation export sha256', <Hash key="validation" value={d.validationExportSha256} />],
    [
      'Build job',
      d.jobId ? (
        <Link key="job" className="font-mono text-indigo-700 hover:underline" href={`/p/${projectId}/jobs/${d.jobId}`}>
          {d.jobId}
        </Link>
      ) : (
        'built in place (demo seed)'
      ),
    ],
    ['Built', d.builtAt ? new Date(d.builtAt).toLocaleString() : '—'],
  ];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="min-w-0">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
