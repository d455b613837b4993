'use client';
// The Events tab: filter, search and page newest-first through every interaction the project collected.
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { EmptyState } from '@/components/ui/empty-state';
import { KeysetPager } from '../keyset-pager';
import { EventFilters } from './event-filters';
import { EventsTable } from './events-table';
import { useEventFilters } from './use-event-filters';

const PAGE_SIZE = 50;

export function EventsExplorer({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useEventFilters();
  // Cursors of the pages visited so far: going back to newer pages needs no query of its own.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const list = useQuery({
    ...trpc.data.events.list.queryOptions({ projectId, ...filters, cursor, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const total = useQuery(trpc.data.events.count.queryOptions({ projectId, ...filters }));
  const filtered = Object.keys(filters).length > 0;
  const changeFilters = (f: typeof filters) => {
    setCursors([undefined]);
    setFilters(f);
  };

  const summary = total.data
    ? `${total.data.count.toLocaleString()}${total.data.capped ? '+' : ''} ${filtered ? 'matching ' : ''}events`
    : undefined;
  return (
    <div>
      <EventFilters key={JSON.stringify(filters)} projectId={projectId} value={filters} onChange={changeFilters} />
      {list.error ? (
        <p role="alert" className="text-sm text-red-700">
          {list.error.message}
        </p>
      ) : !list.data ? (
        <p className="text-sm text-slate-500">Loading events…</p>
      ) : list.data.rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No events match these filters">Try a shorter search, another agent, or a wider date range.</EmptyState>
        ) : (
          <EmptyState
            title="No interactions collected yet"
            action={
              canWrite && (
                <Link className="text-sm font-medium text-indigo-700 hover:underline" href={`/p/${projectId}/data/upload`}>
                  Upload a JSONL or CSV file →
                </Link>
              )
            }
          >
            Send interactions to <code>POST /api/v1/events</code> with a project API key, or upload a file; they appear here newest first.
          </EmptyState>
        )
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600" data-testid="events-count">
            {summary ?? ' '}
          </p>
          <EventsTable projectId={projectId} rows={list.data.rows} />
          <KeysetPager
            page={cursors.length}
            hasOlder={!!list.data.nextCursor}
            onNewer={() => setCursors((c) => c.slice(0, -1))}
            onOlder={() => setCursors((c) => [...c, list.data!.nextCursor!])}
            summary={summary}
          />
        </>
      )}
    </div>
  );
}
