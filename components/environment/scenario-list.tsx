'use client';
// Every scenario of the project (its latest version): type, cases, validation and the last run's pass rate.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge, jobStatusTone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { isActive } from '@/components/jobs/format';
import { passRate, TYPE_LABEL } from './format';
import { ValidationBadge } from './validation-badge';

const PAGE_SIZE = 20;

export function ScenarioList({ projectId, canWrite }: { projectId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.environment.scenarios.list.queryOptions({ projectId, page, pageSize: PAGE_SIZE }),
    refetchInterval: (q) => (q.state.data?.rows.some((r) => isActive(r.lastRun?.status)) ? 2000 : false),
  });
  if (list.isLoading) return <p className="text-sm text-slate-500">Loading scenarios…</p>;
  if (list.error)
    return (
      <p role="alert" className="text-sm text-red-700">
        {list.error.message}
      </p>
    );
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
      <table className="w-full text-left text-sm" aria-label="Scenarios">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2 pr-3">Scenario</th>
            <th className="py-2 pr-3">Type</th>
            <th className="py-2 pr-3">Cases</th>
            <th className="py-2 pr-3">Validation</th>
            <th className="py-2">Last run</th>
          </tr>
        </thead>
        <tbody>
          {list.data.rows.map((s) => (
            <tr key={s.id} className="border-b border-slate-100 align-top" data-scenario-id={s.id}>
              <td className="py-2 pr-3">
                <Link href={`/p/${projectId}/environment/${s.id}`} className="font-medium text-indigo-700 hover:underline">
                  {s.name}
                </Link>
                <div className="font-mono text-xs text-slate-500">
                  {s.id} · v{s.version}
                  {s.versions > 1 ? ` of ${s.versions} versions` : ''}
                </div>
                {s.description && <div className="mt-0.5 max-w-md truncate text-xs text-slate-500">{s.description}</div>}
              </td>
              <td className="py-2 pr-3 text-slate-700">{TYPE_LABEL[s.type] ?? s.type}</td>
              <td className="py-2 pr-3 text-slate-700">{s.caseCount}</td>
              <td className="py-2 pr-3">
                <ValidationBadge status={s.validationStatus} />
              </td>
              <td className="py-2 text-slate-700">
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
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
    </>
  );
}
