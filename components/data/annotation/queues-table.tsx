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
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { ErrorLine } from '@/components/ui/list-state';

const PAGE = 10;

export function QueuesTable({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery(trpc.data.annotation.queues.queryOptions({ projectId, page, pageSize: PAGE }));
  if (list.isLoading) return <p className="text-sm text-slate-500">Loading queues…</p>;
  if (list.error) return <ErrorLine message={list.error.message} />;
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
      <Table aria-label="Annotation queues">
        <THead>
          <Th>Queue</Th>
          <Th>Items</Th>
          <Th className="w-1/3">Fully rated</Th>
          <Th>Ratings</Th>
          <Th>Judge</Th>
        </THead>
        <tbody>
          {list.data.rows.map((q) => {
            const p = q.progress;
            return (
              <Tr key={q.id} data-queue-id={q.id}>
                <Td>
                  <Link href={`/p/${projectId}/data/annotation/${q.id}`} className="font-medium text-indigo-700 hover:underline">
                    {q.name}
                  </Link>
                  <div className="mt-0.5 flex gap-1">
                    <Badge>{q.overlap} per item</Badge>
                    <Badge tone={q.blind ? 'info' : 'warning'}>{q.blind ? 'blind' : 'open'}</Badge>
                    <Badge>{q.scalePoints}-point</Badge>
                  </div>
                </Td>
                <Td className="tabular-nums">{p.items}</Td>
                <Td>
                  <ProgressBar value={p.items ? p.completeItems / p.items : 0} label={`Items of ${q.name} fully rated`} />
                  <div className="mt-1 text-xs text-slate-500 tabular-nums">
                    {p.completeItems} / {p.items} items have {q.overlap} rating{q.overlap > 1 ? 's' : ''}
                  </div>
                </Td>
                <Td className="text-xs text-slate-600 tabular-nums">
                  {p.rated} rated · {p.pending} pending{p.skipped ? ` · ${p.skipped} skipped` : ''}
                </Td>
                <Td className="text-xs text-slate-600 tabular-nums">{p.judged ? `${p.judged} scored` : '—'}</Td>
              </Tr>
            );
          })}
        </tbody>
      </Table>
      <Pagination page={page} pageSize={PAGE} total={list.data.total} onPage={setPage} />
    </>
  );
}
