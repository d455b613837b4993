// One page of events: when, which agent and source, the start of prompt and response, cleaning verdict and mean rating.
import Link from 'next/link';
import type { CleanStatus } from '@/db/schema';
import { CleanStatusBadge } from './clean-status-badge';

export type EventRow = {
  id: string;
  agentId: string;
  source: string;
  prompt: string;
  response: string;
  occurredAt: Date;
  cleanStatus: CleanStatus;
  filterReason: string | null;
  rating: number | null;
};

export function EventsTable({ projectId, rows }: { projectId: string; rows: EventRow[] }) {
  return (
    <table className="w-full table-fixed text-left text-sm" aria-label="Events">
      <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="w-36 py-2 pr-3">When</th>
          <th className="w-32 py-2 pr-3">Agent</th>
          <th className="py-2 pr-3">Prompt</th>
          <th className="py-2 pr-3">Response</th>
          <th className="w-32 py-2 pr-3">Cleaning</th>
          <th className="w-16 py-2">Rating</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr key={e.id} className="border-b border-slate-100 align-top hover:bg-slate-50" data-event-id={e.id}>
            <td className="py-2 pr-3 text-xs text-slate-600">
              <time dateTime={new Date(e.occurredAt).toISOString()}>{new Date(e.occurredAt).toLocaleString()}</time>
              <div className="text-slate-400">{e.source}</div>
            </td>
            <td className="truncate py-2 pr-3 font-mono text-xs" title={e.agentId}>
              {e.agentId}
            </td>
            <td className="py-2 pr-3">
              <Link href={`/p/${projectId}/data/events/${e.id}`} className="line-clamp-2 break-words text-indigo-700 hover:underline">
                {e.prompt || <em className="text-slate-400">(empty)</em>}
              </Link>
            </td>
            <td className="py-2 pr-3">
              <span className="line-clamp-2 break-words font-mono text-xs text-slate-700">
                {e.response || <em className="text-slate-400">(empty)</em>}
              </span>
            </td>
            <td className="py-2 pr-3">
              <CleanStatusBadge status={e.cleanStatus} reason={e.filterReason} />
            </td>
            <td className="py-2 text-slate-700">{e.rating === null ? '—' : e.rating.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
