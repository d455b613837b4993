'use client';
// Every dataset version of the project, newest first; building ones show their job's progress live.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ago } from '@/components/ui/format';
import { DatasetStatus } from './dataset-status';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { listView } from '@/components/ui/list-state';

const PAGE_SIZE = 20;

export function DatasetsTable({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.data.datasets.list.queryOptions({ projectId, page, pageSize: PAGE_SIZE }),
    refetchInterval: (q) => (q.state.data?.rows.some((r) => r.dataset.status === 'building') ? 1000 : false),
  });
  const view = listView(list, {
    loading: 'Loading datasets…',
    empty: (
      <EmptyState title="No dataset versions yet">
        Build one from a filter over events (agent, source, minimum rating, cleaned only, dates) or from a list of event ids.
      </EmptyState>
    ),
  });
  if (!view.ready) return view.element;
  const data = view.data;
  return (
    <div>
      <Table aria-label="Dataset versions">
        <THead>
          <Th>Version</Th>
          <Th>Status</Th>
          <Th>Examples</Th>
          <Th>Train / validation</Th>
          <Th>Created</Th>
        </THead>
        <tbody>
          {data.rows.map(({ dataset: d, job }) => (
            <Tr key={d.id} data-dataset-id={d.id} data-status={d.status}>
              <Td>
                <Link href={`/p/${projectId}/data/datasets/${d.id}`} className="font-mono font-medium text-indigo-700 hover:underline">
                  {d.id}
                </Link>
                {d.description && <div className="text-xs text-slate-500">{d.description}</div>}
              </Td>
              <Td>
                <DatasetStatus status={d.status} job={job} error={d.error} />
              </Td>
              <Td>{d.status === 'ready' ? d.exampleCount.toLocaleString() : '—'}</Td>
              <Td className="text-slate-600">
                {d.status === 'ready' ? `${d.trainCount.toLocaleString()} / ${d.validationCount.toLocaleString()}` : '—'}
              </Td>
              <Td className="text-slate-600">{ago(d.createdAt)}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pagination page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
    </div>
  );
}
