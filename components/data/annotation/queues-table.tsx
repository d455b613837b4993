'use client';
// Every annotation queue of the project with its progress: items fully rated, ratings done, judge coverage.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ProgressBar } from '@/components/ui/progress-bar';

const PAGE = 10;

export function QueuesTable({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery(trpc.data.annotation.queues.queryOptions({ projectId, page, pageSize: PAGE }));
  if (list.isLoading) return <p className="text-sm text-slate-500">Loading queues…</p>;
  if (list.error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {list.error.message}
      </p>
    );
  if (!list.data?.rows.length)
    return (
      <EmptyState title="No annotation queues yet">
        {canWrite
          ? 'Create a queue below, fill it with events by filter or random sample, and assign it to annotators. Their ratings, agreement and pace appear here.'
          : 'Engineers create queues of events for annotators to rate; their progress and agreement will appear here.'}
      </EmptyState>
    );
  return (
    <>
      <table className="w-full text-left text-sm" aria-label="Annotation queues">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2 pr-3">Queue</th>
            <th className="py-2 pr-3">Items</th>
            <th className="w-1/3 py-2 pr-3">Fully rated</th>
            <th className="py-2 pr-3">Ratings</th>
            <th className="py-2">Judge</th>
          </tr>
        </thead>
        <tbody>
          {list.data.rows.map((q) => {
            const p = q.progress;
            return (
              <tr key={q.id} className="border-b border-slate-100 align-top" data-queue-id={q.id}>
                <td className="py-2 pr-3">
                  <Link href={`/p/${projectId}/data/annotation/${q.id}`} className="font-medium text-indigo-700 hover:underline">
                    {q.name}
                  </Link>
                  <div className="mt-0.5 flex gap-1">
                    <Badge>{q.overlap} per item</Badge>
                    <Badge tone={q.blind ? 'info' : 'warning'}>{q.blind ? 'blind' : 'open'}</Badge>
                    <Badge>{q.scalePoints}-point</Badge>
                  </div>
                </td>
                <td className="py-2 pr-3 tabular-nums">{p.items}</td>
                <td className="py-2 pr-3">
                  <ProgressBar value={p.items ? p.completeItems / p.items : 0} label={`Items of ${q.name} fully rated`} />
                  <div className="mt-1 text-xs text-slate-500 tabular-nums">
                    {p.completeItems} / {p.items} items have {q.overlap} rating{q.overlap > 1 ? 's' : ''}
                  </div>
                </td>
                <td className="py-2 pr-3 text-xs text-slate-600 tabular-nums">
                  {p.rated} rated · {p.pending} pending{p.skipped ? ` · ${p.skipped} skipped` : ''}
                </td>
                <td className="py-2 text-xs text-slate-600 tabular-nums">{p.judged ? `${p.judged} scored` : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Pagination page={page} pageSize={PAGE} total={list.data.total} onPage={setPage} />
    </>
  );
}
