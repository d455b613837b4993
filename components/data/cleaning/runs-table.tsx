'use client';
// Every cleaning run of the project, newest first, with its outcome counts; active ones poll until they end so the
// list never shows a finished run as still running.
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ago, duration, isActive } from '@/components/jobs/format';
import { RunStatus } from './run-status';

const PAGE_SIZE = 10;

export function RunsTable({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.data.cleaning.runs.queryOptions({ projectId, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.rows.some((r) => isActive(r.status)) ? 1000 : false),
  });
  if (list.error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {list.error.message}
      </p>
    );
  if (!list.data) return <p className="text-sm text-slate-500">Loading cleaning runs…</p>;
  if (!list.data.rows.length)
    return (
      <EmptyState title="No cleaning runs yet">
        Each run will appear here with how many events it kept, filtered as junk or duplicates, and redacted, and a link to its report and
        the redactions to review.
        {canWrite ? ' Start one above.' : ' An engineer starts runs.'}
      </EmptyState>
    );
  return (
    <div>
      <table className="w-full text-left text-sm" aria-label="Cleaning runs">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2 pr-3">Run</th>
            <th className="py-2 pr-3">Status</th>
            <th className="py-2 pr-3">Scope</th>
            <th className="py-2 pr-3 text-right">Events</th>
            <th className="py-2 pr-3 text-right">Kept</th>
            <th className="py-2 pr-3 text-right">Filtered</th>
            <th className="py-2 pr-3 text-right">Redacted</th>
            <th className="py-2 pr-3">Started</th>
            <th className="py-2 pr-3">Took</th>
          </tr>
        </thead>
        <tbody>
          {list.data.rows.map((r) => (
            <tr key={r.id} className="border-b border-slate-100 align-top" data-run-id={r.id} data-status={r.status}>
              <td className="py-2 pr-3">
                <Link href={`/p/${projectId}/data/cleaning/${r.id}`} className="font-mono font-medium text-indigo-700 hover:underline">
                  {r.id}
                </Link>
              </td>
              <td className="py-2 pr-3">
                <RunStatus run={r} />
              </td>
              <td className="py-2 pr-3 text-slate-600">{r.scope === 'raw' ? 'new events' : 'all events'}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{r.total.toLocaleString()}</td>
              <td className="py-2 pr-3 text-right tabular-nums" data-testid="run-kept">
                {r.kept.toLocaleString()}
              </td>
              <td className="py-2 pr-3 text-right tabular-nums" data-testid="run-filtered">
                {r.filtered.toLocaleString()}
              </td>
              <td className="py-2 pr-3 text-right tabular-nums" data-testid="run-redacted">
                {r.redacted.toLocaleString()}
              </td>
              <td className="py-2 pr-3 text-slate-600">{ago(r.startedAt ?? r.createdAt)}</td>
              <td className="py-2 pr-3 text-slate-600">{r.startedAt ? duration(r.startedAt, r.finishedAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
    </div>
  );
}
