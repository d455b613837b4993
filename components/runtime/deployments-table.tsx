'use client';
// Deployments, newest first, refreshed every few seconds: status, version, pool health, traffic in the last 15 min.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ago } from '@/components/ui/format';
import { listView } from '@/components/ui/list-state';
import { Pagination } from '@/components/ui/pagination';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { deploymentTone, healthTone, ms } from './format';

const PAGE_SIZE = 20;

export function DeploymentsTable({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery({ ...trpc.runtime.deployments.list.queryOptions({ projectId, page, pageSize: PAGE_SIZE }), refetchInterval: 3000 });
  const view = listView(list, {
    loading: 'Loading deployments…',
    empty: <EmptyState title="Nothing deployed yet">Deploy a model that passed its evaluation with the form below.</EmptyState>,
  });
  if (!view.ready) return view.element;
  return (
    <>
      <Table aria-label="Deployments">
        <THead>
          <Th>Name</Th>
          <Th>Status</Th>
          <Th>Model</Th>
          <Th>Pool</Th>
          <Th>Traffic (15 min)</Th>
          <Th>p50 / p99</Th>
        </THead>
        <tbody>
          {view.data.rows.map((d) => (
            <Tr key={d.id} data-deployment-id={d.id} data-status={d.status}>
              <Td>
                <Link href={`/p/${projectId}/runtime/${d.id}`} className="font-medium text-indigo-700 hover:underline">
                  {d.name} v{d.version}
                </Link>
                <div className="font-mono text-xs text-slate-500">
                  {d.id} · {ago(d.createdAt)}
                  {d.trafficPercent < 100 ? ` · canary ${d.trafficPercent}%` : ''}
                </div>
              </Td>
              <Td>
                <Badge tone={deploymentTone[d.status]}>{d.status}</Badge>
                {d.statusReason && <div className="max-w-[16rem] text-xs text-slate-500">{d.statusReason}</div>}
              </Td>
              <Td className="font-mono text-xs">{d.modelId}</Td>
              <Td>
                {d.pool ? (
                  <>
                    <Badge tone={healthTone[d.health ?? 'cold']}>{d.health}</Badge>{' '}
                    <span className="text-xs text-slate-600">
                      {d.pool.busy} busy · {d.pool.idle} idle{d.pool.starting ? ` · ${d.pool.starting} starting` : ''}
                    </span>
                  </>
                ) : (
                  <span className="text-xs text-slate-400">—</span>
                )}
              </Td>
              <Td>
                {d.traffic.requests} req{d.traffic.errors ? ` · ${d.traffic.errors} errors` : ''}
              </Td>
              <Td className="text-xs">
                {ms(d.traffic.p50Ms)} / {ms(d.traffic.p99Ms)}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pagination page={page} pageSize={PAGE_SIZE} total={view.data.total} onPage={setPage} />
    </>
  );
}
