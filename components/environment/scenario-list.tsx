'use client';
// Every scenario of the project (its latest version): type, cases, validation and the last run's pass rate.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge, jobStatusTone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { isActive } from '@/components/ui/format';
import { passRate, TYPE_LABEL } from './format';
import { ValidationBadge } from './validation-badge';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { ErrorLine } from '@/components/ui/list-state';

const PAGE_SIZE = 20;

export function ScenarioList({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.environment.scenarios.list.queryOptions({ projectId, page, pageSize: PAGE_SIZE }),
    refetchInterval: (q) => (q.state.data?.rows.some((r) => isActive(r.lastRun?.status)) ? 2000 : false),
  });
  if (list.isLoading) return <p className="text-sm text-slate-500">Loading scenarios…</p>;
  if (list.error) return <ErrorLine message={list.error.message} />;
  if (!list.data?.rows.length) {
    return (
      <EmptyState title="No scenarios yet">
        A scenario is a set of test cases with the tools an agent may use.{' '}
        {canWrite
          ? 'Create one above, then add cases by form, by pasting, or by generating arithmetic.'
          : 'Engineers create them; they will appear here.'}
      </EmptyState>
    );
  }
  return (
    <>
      <Table aria-label="Scenarios">
        <THead>
          <Th>Scenario</Th>
          <Th>Type</Th>
          <Th>Cases</Th>
          <Th>Validation</Th>
          <Th>Last run</Th>
        </THead>
        <tbody>
          {list.data.rows.map((s) => (
            <Tr key={s.id} data-scenario-id={s.id}>
              <Td>
                <Link href={`/p/${projectId}/environment/${s.id}`} className="font-medium text-indigo-700 hover:underline">
                  {s.name}
                </Link>
                <div className="font-mono text-xs text-slate-500">
                  {s.id} · v{s.version}
                  {s.versions > 1 ? ` of ${s.versions} versions` : ''}
                </div>
                {s.description && <div className="mt-0.5 max-w-md truncate text-xs text-slate-500">{s.description}</div>}
              </Td>
              <Td className="text-slate-700">{TYPE_LABEL[s.type] ?? s.type}</Td>
              <Td className="text-slate-700">{s.caseCount}</Td>
              <Td>
                <ValidationBadge status={s.validationStatus} />
              </Td>
              <Td className="text-slate-700">
                {s.lastRun ? (
                  <span className="flex flex-col gap-0.5">
                    <Link href={`/p/${projectId}/environment/runs/${s.lastRun.runId}`} className="hover:underline">
                      {passRate(s.lastRun.passed, s.lastRun.completed)}
                    </Link>
                    <span className="text-xs text-slate-500">
                      {s.lastRun.policy} on {s.lastRun.scenarioId} <Badge tone={jobStatusTone[s.lastRun.status]}>{s.lastRun.status}</Badge>
                    </span>
                  </span>
                ) : (
                  <span className="text-slate-400">no runs yet</span>
                )}
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
    </>
  );
}
