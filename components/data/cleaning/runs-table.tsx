'use client';
// Every cleaning run of the project, newest first, with its outcome counts; active ones poll until they end so the
// list never shows a finished run as still running.
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ago, duration, isActive } from '@/components/ui/format';
import { RunStatus } from './run-status';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { listView } from '@/components/ui/list-state';

const PAGE_SIZE = 10;

export function RunsTable({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.data.cleaning.runs.queryOptions({ projectId, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.rows.some((r) => isActive(r.status)) ? 1000 : false),
  });
  const view = listView(list, {
    loading: 'Loading cleaning runs…',
    empty: (
      <EmptyState title="No cleaning runs yet">
        Each run will appear here with how many events it kept, filtered as junk or duplicates, and redacted, and a link to its report and
        the redactions to review.
        {canWrite ? ' Start one above.' : ' An engineer starts runs.'}
      </EmptyState>
    ),
  });
  if (!view.ready) return view.element;
  const data = view.data;
  return (
    <div>
      <Table aria-label="Cleaning runs">
        <THead>
          <Th>Run</Th>
          <Th>Status</Th>
          <Th>Scope</Th>
          <Th className="text-right">Events</Th>
          <Th className="text-right">Kept</Th>
          <Th className="text-right">Filtered</Th>
          <Th className="text-right">Redacted</Th>
          <Th>Started</Th>
          <Th>Took</Th>
        </THead>
        <tbody>
          {data.rows.map((r) => (
            <Tr key={r.id} data-run-id={r.id} data-status={r.status}>
              <Td>
                <Link href={`/p/${projectId}/data/cleaning/${r.id}`} className="font-mono font-medium text-indigo-700 hover:underline">
                  {r.id}
                </Link>
              </Td>
              <Td>
                <RunStatus run={r} />
              </Td>
              <Td className="text-slate-600">{r.scope === 'raw' ? 'new events' : 'all events'}</Td>
              <Td className="text-right tabular-nums">{r.total.toLocaleString()}</Td>
              <Td className="text-right tabular-nums" data-testid="run-kept">
                {r.kept.toLocaleString()}
              </Td>
              <Td className="text-right tabular-nums" data-testid="run-filtered">
                {r.filtered.toLocaleString()}
              </Td>
              <Td className="text-right tabular-nums" data-testid="run-redacted">
                {r.redacted.toLocaleString()}
              </Td>
              <Td className="text-slate-600">{ago(r.startedAt ?? r.createdAt)}</Td>
              <Td className="text-slate-600">{r.startedAt ? duration(r.startedAt, r.finishedAt) : '—'}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pagination page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
    </div>
  );
}
