'use client';
// The queue's items with every rating and the judge's score, for engineers checking where raters disagree.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { formatValue } from './scale';

const PAGE = 20;

export function QueueItemsTable({ projectId, queueId }: { projectId: string; queueId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery(trpc.data.annotation.items.queryOptions({ projectId, queueId, page, pageSize: PAGE }));
  if (list.isLoading) return <p className="text-sm text-slate-500">Loading items…</p>;
  if (list.error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {list.error.message}
      </p>
    );
  if (!list.data?.rows.length)
    return <EmptyState title="No items in this queue yet">Add events above, by filter or random sample.</EmptyState>;
  return (
    <>
      <table className="w-full table-fixed text-left text-sm" aria-label="Queue items">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="w-12 py-2 pr-3">#</th>
            <th className="py-2 pr-3">Interaction</th>
            <th className="w-64 py-2 pr-3">Human ratings</th>
            <th className="w-56 py-2">Judge</th>
          </tr>
        </thead>
        <tbody>
          {list.data.rows.map((r) => (
            <tr key={r.itemId} className="border-b border-slate-100 align-top">
              <td className="py-2 pr-3 tabular-nums text-slate-500">{r.position}</td>
              <td className="py-2 pr-3">
                <div className="truncate font-medium" title={r.prompt}>
                  {r.prompt}
                </div>
                <div className="truncate font-mono text-xs text-slate-500" title={r.response}>
                  {r.response}
                </div>
                <div className="font-mono text-xs text-slate-400">
                  {r.agentId} · {r.eventId}
                </div>
              </td>
              <td className="py-2 pr-3 text-xs">
                {r.ratings.length === 0 ? (
                  <span className="text-slate-400">not assigned</span>
                ) : (
                  <ul>
                    {r.ratings.map((a, i) => (
                      <li key={i}>
                        {a.rater}: <span className="tabular-nums">{a.status === 'rated' ? formatValue(a.value ?? 0) : a.status}</span>
                        {a.comment && <span className="text-slate-500"> “{a.comment}”</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="py-2 text-xs">
                {r.judge ? (
                  <>
                    <span className="tabular-nums">{formatValue(r.judge.value)}</span>{' '}
                    <span className="text-slate-500">{r.judge.reason}</span>
                  </>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={page} pageSize={PAGE} total={list.data.total} onPage={setPage} />
    </>
  );
}
