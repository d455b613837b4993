'use client';
// One taskset version: what it is, its versions, its cases (searchable), the judge prompt (everyone sees it, engineers
// edit it), and, for engineers, more cases by paste or generator (a used version forks the next one).
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ErrorLine, listView } from '@/components/ui/list-state';
import { Pagination } from '@/components/ui/pagination';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { AddTasksetCases } from './add-taskset-cases';
import { JudgePromptEditor } from './judge-prompt-editor';

const PAGE_SIZE = 25;

export function TasksetDetail({ projectId, tasksetId, canWrite }: { projectId: string; tasksetId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const got = useQuery(trpc.evaluation.tasksets.get.queryOptions({ projectId, tasksetId }));
  const cases = useQuery(
    trpc.evaluation.cases.list.queryOptions({ projectId, tasksetId, page, pageSize: PAGE_SIZE, search: search || undefined }),
  );
  if (got.error) return <ErrorLine message={got.error.message} />;
  if (!got.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { taskset, versions, caseCount } = got.data;
  const view = listView(cases, { loading: 'Loading cases…', empty: <p className="text-sm text-slate-500">No case matches.</p> });
  return (
    <div className="grid gap-6">
      <Card title="About">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">Cases</dt>
          <dd>{caseCount.toLocaleString('en')}</dd>
          <dt className="text-slate-500">Difficulty</dt>
          <dd>{taskset.difficulty}</dd>
          <dt className="text-slate-500">Tags</dt>
          <dd className="flex flex-wrap gap-1">{taskset.tags.length ? taskset.tags.map((t) => <Badge key={t}>{t}</Badge>) : '—'}</dd>
          <dt className="text-slate-500">Tools</dt>
          <dd>{taskset.tools.join(', ') || 'none'}</dd>
          <dt className="text-slate-500">Description</dt>
          <dd>{taskset.description || '—'}</dd>
          <dt className="text-slate-500">State</dt>
          <dd>
            {taskset.usedAt
              ? `used by ${taskset.usedBy}: immutable, edits make the next version`
              : 'not evaluated yet: edits change it in place'}
          </dd>
          <dt className="text-slate-500">Versions</dt>
          <dd className="flex flex-wrap gap-2">
            {versions.map((v) => (
              <Link
                key={v.id}
                href={`/p/${projectId}/evaluation/tasksets/${v.id}`}
                className={`font-mono text-xs ${v.id === tasksetId ? 'font-bold' : 'text-indigo-700 hover:underline'}`}
              >
                v{v.version}
              </Link>
            ))}
          </dd>
        </dl>
      </Card>
      <Card title="Cases">
        <input
          aria-label="Search cases"
          placeholder="Search prompts and answers"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
          className="mb-3 w-full max-w-sm rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          data-print="hide"
        />
        {!view.ready ? (
          view.element
        ) : (
          <>
            <Table aria-label="Taskset cases">
              <THead>
                <Th>#</Th>
                <Th>Prompt</Th>
                <Th>Expected</Th>
                <Th>Checks</Th>
                <Th>Tags</Th>
              </THead>
              <tbody>
                {view.data.rows.map((c) => (
                  <Tr key={c.id}>
                    <Td className="text-slate-500">{c.position}</Td>
                    <Td className="max-w-md whitespace-pre-wrap">{c.prompt}</Td>
                    <Td>{c.expected}</Td>
                    <Td className="text-xs">
                      {c.checks
                        .map((k) => k.label ?? `${k.matcher}${k.matcher === 'numeric' ? ` ±${k.tolerance ?? 0}` : ''}`)
                        .join(' and ')}
                    </Td>
                    <Td className="text-xs">{[...c.tags, ...(c.difficulty ? [c.difficulty] : [])].join(', ')}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
            <Pagination page={page} pageSize={PAGE_SIZE} total={view.data.total} onPage={setPage} />
          </>
        )}
        {canWrite && (
          <div className="mt-4">
            <AddTasksetCases projectId={projectId} tasksetId={tasksetId} />
          </div>
        )}
      </Card>
      <Card title="Judge prompt">
        <JudgePromptEditor
          key={got.data.judgePrompt}
          projectId={projectId}
          tasksetId={tasksetId}
          prompt={got.data.judgePrompt}
          isDefault={got.data.judgePromptIsDefault}
          canWrite={canWrite}
        />
      </Card>
    </div>
  );
}
