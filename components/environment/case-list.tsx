'use client';
// The cases of one version, paged and searchable; engineers can select and remove some (a used version gets a new one).
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { CaseRow } from './case-row';
import { useAfterEdit } from './use-after-edit';
import { THead, Table, Th } from '@/components/ui/table';

const PAGE_SIZE = 25;

export function CaseList({ projectId, scenarioId, canWrite }: { projectId: string; scenarioId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const afterEdit = useAfterEdit(projectId);
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const list = useQuery(
    trpc.environment.cases.list.queryOptions({ projectId, scenarioId, page, pageSize: PAGE_SIZE, search: search.trim() || undefined }),
  );
  const remove = useMutation(
    trpc.environment.cases.remove.mutationOptions({
      onSuccess: (r) => {
        setSelected(new Set());
        afterEdit(r);
      },
    }),
  );
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const confirmRemove = () => {
    if (
      confirm(
        `Remove ${selected.size} case${selected.size === 1 ? '' : 's'}? If this version is in use, a new version is made without them.`,
      )
    ) {
      remove.mutate({ projectId, scenarioId, caseIds: [...selected] });
    }
  };
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <input
          type="search"
          aria-label="Search cases"
          placeholder="Search prompts and answers"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
          className="w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
        {canWrite && (
          <Button variant="danger" disabled={!selected.size || remove.isPending} onClick={confirmRemove}>
            Remove selected ({selected.size})
          </Button>
        )}
      </div>
      {remove.error && (
        <p role="alert" className="mb-2 text-sm text-red-700">
          {remove.error.message}
        </p>
      )}
      {list.isLoading ? (
        <p className="text-sm text-slate-500">Loading cases…</p>
      ) : list.error ? (
        <p role="alert" className="text-sm text-red-700">
          {list.error.message}
        </p>
      ) : !list.data?.rows.length ? (
        <EmptyState title={search ? 'No case matches' : 'No test cases yet'}>
          {search
            ? 'Try another search.'
            : canWrite
              ? 'Add a case by form, paste many at once, or generate arithmetic above.'
              : 'Engineers add cases; they will appear here.'}
        </EmptyState>
      ) : (
        <>
          <Table aria-label="Test cases">
            <THead>
              {canWrite && <Th className="w-8" />}
              <Th className="w-12">#</Th>
              <Th>Prompt</Th>
              <Th>Expected</Th>
              <Th>Matcher</Th>
              <Th>Tags</Th>
            </THead>
            <tbody>
              {list.data.rows.map((c) => (
                <CaseRow
                  key={c.id}
                  projectId={projectId}
                  scenarioId={scenarioId}
                  c={c}
                  canWrite={canWrite}
                  selected={selected.has(c.id)}
                  onToggle={() => toggle(c.id)}
                />
              ))}
            </tbody>
          </Table>
          <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
