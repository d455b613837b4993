'use client';
// Tasksets, latest version of each name: size, difficulty, tags, where they came from.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { ago } from '@/components/ui/format';
import { listView } from '@/components/ui/list-state';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

const PAGE_SIZE = 10;
const source = (s: { kind: string; format?: string; scenarioId?: string }) =>
  s.kind === 'import' ? `imported (${s.format})` : s.kind === 'scenario' ? `from ${s.scenarioId}` : s.kind;

export function TasksetsTable({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery(trpc.evaluation.tasksets.list.queryOptions({ projectId, page, pageSize: PAGE_SIZE }));
  const view = listView(list, {
    loading: 'Loading tasksets…',
    empty: (
      <EmptyState title="No tasksets yet">
        Build one from a scenario, paste cases, generate arithmetic, or import an OpenAI Evals, promptfoo or Inspect file.
      </EmptyState>
    ),
  });
  if (!view.ready) return view.element;
  return (
    <>
      <Table aria-label="Tasksets">
        <THead>
          <Th>Taskset</Th>
          <Th>Cases</Th>
          <Th>Difficulty</Th>
          <Th>Tags</Th>
          <Th>Source</Th>
        </THead>
        <tbody>
          {view.data.rows.map((t) => (
            <Tr key={t.id}>
              <Td>
                <Link
                  className="font-mono text-xs font-medium text-indigo-700 hover:underline"
                  href={`/p/${projectId}/evaluation/tasksets/${t.id}`}
                >
                  {t.id}
                </Link>
                <div className="text-xs text-slate-500">
                  {t.versions} version{t.versions === 1 ? '' : 's'} · {ago(t.updatedAt)}
                  {t.usedAt ? ' · in use (immutable)' : ''}
                </div>
              </Td>
              <Td>{t.caseCount.toLocaleString('en')}</Td>
              <Td>{t.difficulty}</Td>
              <Td>
                <span className="flex flex-wrap gap-1">
                  {t.tags.map((tag) => (
                    <Badge key={tag}>{tag}</Badge>
                  ))}
                </span>
              </Td>
              <Td className="text-xs">{source(t.source)}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pagination page={page} pageSize={PAGE_SIZE} total={view.data.total} onPage={setPage} />
    </>
  );
}
