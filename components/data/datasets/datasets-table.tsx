'use client';
// Every dataset version of the project, newest first; building ones show their job's progress live.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ago } from '@/components/jobs/format';
import { DatasetStatus } from './dataset-status';

const PAGE_SIZE = 20;

export function DatasetsTable({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.data.datasets.list.queryOptions({ projectId, page, pageSize: PAGE_SIZE }),
    refetchInterval: (q) => (q.state.data?.rows.some((r) => r.dataset.status === 'building') ? 1000 : false),
  });
  if (list.error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {list.error.message}
      </p>
    );
  if (!list.data) return <p className="text-sm text-slate-500">Loading datasets…</p>;
  if (!list.data.rows.length)
    return (
      <EmptyState title="No dataset versions yet">
        Build one from a filter over events (agent, source, minimum rating, cleaned only, dates) or from a list of event ids.
      </EmptyState>
    );
  return (
    <div>
      <table className="w-full text-left text-sm" aria-label="Dataset versions">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2 pr-3">Version</th>
            <th className="py-2 pr-3">Status</th>
            <th className="py-2 pr-3">Examples</th>
            <th className="py-2 pr-3">Train / validation</th>
            <th className="py-2 pr-3">Created</th>
          </tr>
        </thead>
        <tbody>
          {list.data.rows.map(({ dataset: d, job }) => (
            <tr key={d.id} className="border-b border-slate-100 align-top" data-dataset-id={d.id} data-status={d.status}>
              <td className="py-2 pr-3">
                <Link href={`/p/${projectId}/data/datasets/${d.id}`} className="font-mono font-medium text-indigo-700 hover:underline">
                  {d.id}
                </Link>
                {d.description && <div className="text-xs text-slate-500">{d.description}</div>}
              </td>
              <td className="py-2 pr-3">
                <DatasetStatus status={d.status} job={job} error={d.error} />
              </td>
              <td className="py-2 pr-3">{d.status === 'ready' ? d.exampleCount.toLocaleString() : '—'}</td>
              <td className="py-2 pr-3 text-slate-600">
                {d.status === 'ready' ? `${d.trainCount.toLocaleString()} / ${d.validationCount.toLocaleString()}` : '—'}
              </td>
              <td className="py-2 pr-3 text-slate-600">{ago(d.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
    </div>
  );
}
