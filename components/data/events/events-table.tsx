// One page of events: when, which agent and source, the start of prompt and response (redacted), cleaning verdict and rating.
import Link from 'next/link';
import type { CleanStatus } from '@/db/schema';
import { CleanStatusBadge } from './clean-status-badge';
import { RedactedBadge } from './redacted-badge';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

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
  redacted: boolean;
};

export function EventsTable({ projectId, rows }: { projectId: string; rows: EventRow[] }) {
  return (
    <Table className="table-fixed" aria-label="Events">
      <THead>
        <Th className="w-36">When</Th>
        <Th className="w-32">Agent</Th>
        <Th>Prompt</Th>
        <Th>Response</Th>
        <Th className="w-32">Cleaning</Th>
        <Th className="w-16">Rating</Th>
      </THead>
      <tbody>
        {rows.map((e) => (
          <Tr key={e.id} className="hover:bg-slate-50" data-event-id={e.id}>
            <Td className="text-xs text-slate-600">
              <time dateTime={new Date(e.occurredAt).toISOString()}>{new Date(e.occurredAt).toLocaleString()}</time>
              <div className="text-slate-400">{e.source}</div>
            </Td>
            <Td className="truncate font-mono text-xs" title={e.agentId}>
              {e.agentId}
            </Td>
            <Td>
              <Link href={`/p/${projectId}/data/events/${e.id}`} className="line-clamp-2 break-words text-indigo-700 hover:underline">
                {e.prompt || <em className="text-slate-400">(empty)</em>}
              </Link>
            </Td>
            <Td>
              <span className="line-clamp-2 break-words font-mono text-xs text-slate-700">
                {e.response || <em className="text-slate-400">(empty)</em>}
              </span>
            </Td>
            <Td>
              <div className="flex flex-col items-start gap-1">
                <CleanStatusBadge status={e.cleanStatus} reason={e.filterReason} />
                {e.redacted && <RedactedBadge />}
              </div>
            </Td>
            <Td className="text-slate-700">{e.rating === null ? '—' : e.rating.toFixed(2)}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
