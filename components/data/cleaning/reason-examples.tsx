// A few examples of each filter reason, folded by default: counts say how much was dropped, the examples let a
// reader judge whether it was right to drop it. Examples are stored redacted, so nothing here shows personal data.
import Link from 'next/link';
import type { CleanExample } from '@/db/schema';
import { REASONS, reasonLabel } from './format';
import { MarkedPlaceholders } from './highlighted-text';

export function ReasonExamples({
  projectId,
  examples,
  counts,
}: {
  projectId: string;
  examples: Record<string, CleanExample[]>;
  counts: Record<string, number>;
}) {
  const reasons = Object.keys(examples).sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0));
  if (!reasons.length) return <p className="text-sm text-slate-600">No event was filtered, so there are no examples to show.</p>;
  return (
    <div className="flex flex-col gap-2">
      {reasons.map((reason) => (
        <details key={reason} className="rounded-md border border-slate-200" data-examples={reason}>
          <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-800">
            {reasonLabel(reason)}{' '}
            <span className="font-normal text-slate-500">
              — {REASONS[reason] ?? reason}; {examples[reason]!.length} of {(counts[reason] ?? 0).toLocaleString()} shown
            </span>
          </summary>
          <ol className="divide-y divide-slate-100 border-t border-slate-100">
            {examples[reason]!.map((x) => (
              <li key={x.eventId} className="grid gap-1 px-3 py-2 text-sm" data-example-event={x.eventId}>
                <div className="flex flex-wrap gap-x-3 text-xs text-slate-500">
                  <Link href={`/p/${projectId}/data/events/${x.eventId}`} className="font-mono text-indigo-700 hover:underline">
                    {x.eventId}
                  </Link>
                  {x.detail && <span data-testid="example-why">Why: {x.detail}</span>}
                  {x.duplicateOf && (
                    <span>
                      copy of{' '}
                      <Link href={`/p/${projectId}/data/events/${x.duplicateOf}`} className="font-mono text-indigo-700 hover:underline">
                        {x.duplicateOf}
                      </Link>
                    </span>
                  )}
                </div>
                <div className="grid gap-2 md:grid-cols-2">
                  <p className="whitespace-pre-wrap break-words">
                    <span className="text-xs uppercase text-slate-400">Prompt </span>
                    <MarkedPlaceholders text={x.prompt} />
                  </p>
                  <p className="whitespace-pre-wrap break-words font-mono text-xs text-slate-700">
                    <span className="font-sans uppercase text-slate-400">Response </span>
                    <MarkedPlaceholders text={x.response} />
                  </p>
                </div>
              </li>
            ))}
          </ol>
        </details>
      ))}
    </div>
  );
}
