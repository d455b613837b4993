'use client';
// The queue's items with every rating and the judge's score, for engineers checking where raters disagree.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { formatRating } from './scale';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { ErrorLine } from '@/components/ui/list-state';

const PAGE = 20;

export function QueueItemsTable({ projectId, queueId }: { projectId: string; queueId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery(trpc.data.annotation.items.queryOptions({ projectId, queueId, page, pageSize: PAGE }));
  if (list.isLoading) return <p className="text-sm text-slate-500">Loading items…</p>;
  if (list.error) return <ErrorLine message={list.error.message} />;
  if (!list.data?.rows.length)
    return <EmptyState title="No items in this queue yet">Add events above, by filter or random sample.</EmptyState>;
  return (
    <>
      <Table className="table-fixed" aria-label="Queue items">
        <THead>
          <Th className="w-12">#</Th>
          <Th>Interaction</Th>
          <Th className="w-64">Human ratings</Th>
          <Th className="w-56">Judge</Th>
        </THead>
        <tbody>
          {list.data.rows.map((r) => (
            <Tr key={r.itemId}>
              <Td className="tabular-nums text-slate-500">{r.position}</Td>
              <Td>
                <div className="truncate font-medium" title={r.prompt}>
                  {r.prompt}
                </div>
                <div className="truncate font-mono text-xs text-slate-500" title={r.response}>
                  {r.response}
                </div>
                <div className="font-mono text-xs text-slate-400">
                  {r.agentId} · {r.eventId}
                </div>
              </Td>
              <Td className="text-xs">
                {r.hiddenUntilYouRate ? (
                  <span className="text-slate-500" data-testid="hidden-until-rated">
                    hidden until you rate it (blind queue)
                  </span>
                ) : r.ratings.length === 0 ? (
                  <span className="text-slate-400">not assigned</span>
                ) : (
                  <ul>
                    {r.ratings.map((a, i) => (
                      <li key={i}>
                        {a.rater}:{' '}
                        <span className="tabular-nums">
                          {a.status === 'rated' ? formatRating(a.value ?? 0, list.data.scalePoints, { withStored: true }) : a.status}
                        </span>
                        {a.comment && <span className="text-slate-500"> “{a.comment}”</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </Td>
              <Td className="text-xs">
                {r.hiddenUntilYouRate ? (
                  <span className="text-slate-400">hidden</span>
                ) : r.judge ? (
                  <>
                    <span className="tabular-nums">{formatRating(r.judge.value, list.data.scalePoints, { withStored: true })}</span>{' '}
                    <span className="text-slate-500">{r.judge.reason}</span>
                  </>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pagination page={page} pageSize={PAGE} total={list.data.total} onPage={setPage} />
    </>
  );
}
