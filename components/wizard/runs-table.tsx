'use client';
// Pipeline runs, newest first: each step's status and how long it took, the run's iteration, a link to continue it.
import Link from 'next/link';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { FACTORIES } from '@/components/shell/factories';
import { Badge } from '@/components/ui/badge';
import { ago } from '@/components/ui/format';
import { EmptyState } from '@/components/ui/empty-state';
import { listView } from '@/components/ui/list-state';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td, Th, THead, Tr } from '@/components/ui/table';
import { STEP_TONE } from './step-panel';

export const seconds = (s: number | null) =>
  s === null ? '—' : s < 60 ? `${s.toFixed(1)}s` : `${Math.floor(s / 60)}m ${Math.round(s % 60)}s`;

export function RunsTable({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const query = useQuery({
    ...trpc.pipeline.list.queryOptions({ projectId, page, pageSize: 10 }),
    refetchInterval: (q) => (q.state.data?.rows.some((r) => r.steps.some((s) => s.status === 'running')) ? 3000 : false),
  });
  const v = listView(query, {
    loading: 'Loading runs…',
    empty: <EmptyState title="No pipeline runs yet">Start the wizard to make the first one.</EmptyState>,
  });
  if (!v.ready) return v.element;
  return (
    <>
      <Table aria-label="Pipeline runs">
        <THead>
          <Tr>
            <Th>Run</Th>
            <Th>Status</Th>
            {FACTORIES.map((f) => (
              <Th key={f.slug}>{f.name}</Th>
            ))}
            <Th>Started</Th>
          </Tr>
        </THead>
        <tbody>
          {v.data.rows.map((r) => (
            <Tr key={r.id} data-run={r.id}>
              <Td>
                <Link className="font-medium text-indigo-700 hover:underline" href={`/p/${projectId}/wizard/${r.id}`}>
                  {r.name}
                </Link>
                <div className="font-mono text-xs text-slate-500">{r.id}</div>
              </Td>
              <Td>
                <Badge tone={r.status === 'deployed' ? 'success' : r.status === 'failed' ? 'danger' : 'info'}>{r.status}</Badge>
                {r.iteration > 1 && <div className="text-xs text-slate-500">iteration {r.iteration}</div>}
              </Td>
              {r.steps.map((s) => (
                <Td key={s.step} data-step={s.step}>
                  <Badge tone={STEP_TONE[s.status]}>{s.verdict ? s.verdict.toUpperCase() : s.status}</Badge>
                  <div className="text-xs text-slate-500">{seconds(s.seconds)}</div>
                </Td>
              ))}
              <Td className="text-xs text-slate-500">{ago(r.createdAt)}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pagination page={v.data.page} pageSize={v.data.pageSize} total={v.data.total} onPage={setPage} />
    </>
  );
}
