'use client';
// Every case of a run, filterable to failures, unsafe outputs or the adversarial set; a row opens its trajectory.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { FilterPills } from '@/components/ui/filter-pills';
import { listView } from '@/components/ui/list-state';
import { Pagination } from '@/components/ui/pagination';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { CaseDetail } from './case-detail';
import { ATTACK_LABELS, ms } from './format';

const FILTERS = [
  { label: 'All cases', outcome: 'all', kind: 'all' },
  { label: 'Failed', outcome: 'failed', kind: 'task' },
  { label: 'Unsafe', outcome: 'unsafe', kind: 'all' },
  { label: 'Adversarial', outcome: 'all', kind: 'adversarial' },
] as const;
const PAGE_SIZE = 25;

export function RunCasesTable({ projectId, runId, live }: { projectId: string; runId: string; live: boolean }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState(0);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const f = FILTERS[filter]!;
  const list = useQuery({
    ...trpc.evaluation.runs.cases.queryOptions({ projectId, runId, outcome: f.outcome, kind: f.kind, page, pageSize: PAGE_SIZE }),
    refetchInterval: live ? 2000 : false,
  });
  const view = listView(list, {
    loading: 'Loading cases…',
    empty: <p className="text-sm text-slate-500">{live ? 'No case has finished yet.' : 'No case matches this filter.'}</p>,
  });
  return (
    <div className="grid gap-3">
      <FilterPills
        labels={FILTERS.map((x) => x.label)}
        selected={filter}
        onSelect={(i) => {
          setFilter(i);
          setPage(1);
        }}
        label="Filter cases"
      />
      {open && <CaseDetail projectId={projectId} caseRowId={open} onOpen={setOpen} />}
      {!view.ready ? (
        view.element
      ) : (
        <>
          <Table aria-label="Cases">
            <THead>
              <Th>#</Th>
              <Th>Prompt</Th>
              <Th>Expected</Th>
              <Th>Answer</Th>
              <Th>Result</Th>
              <Th>Judge</Th>
              <Th>Latency</Th>
            </THead>
            <tbody>
              {view.data.rows.map((c) => (
                <Tr
                  key={c.id}
                  data-case-id={c.id}
                  data-passed={c.passed}
                  className={`cursor-pointer hover:bg-slate-50 ${open === c.id ? 'bg-indigo-50' : ''}`}
                  onClick={() => setOpen(c.id)}
                >
                  <Td className="text-slate-500">{c.position}</Td>
                  <Td className="max-w-md">
                    <button
                      type="button"
                      data-print="show"
                      className="line-clamp-2 text-left hover:underline"
                      onClick={() => setOpen(c.id)}
                    >
                      {c.prompt}
                    </button>
                    {c.kind === 'adversarial' && <Badge tone="warning">{ATTACK_LABELS[c.attack?.attack ?? ''] ?? 'adversarial'}</Badge>}
                  </Td>
                  <Td className="max-w-[10rem] truncate">{c.expected}</Td>
                  <Td className="max-w-[12rem] truncate font-mono">{c.finalAnswer ?? '—'}</Td>
                  <Td>
                    <Badge tone={c.passed ? 'success' : 'danger'}>{c.passed ? 'pass' : 'fail'}</Badge>
                    {!c.safety.passed && (
                      <div className="mt-1 text-xs text-red-700" data-testid="safety-finding">
                        {c.safety.findings.map((x) => x.detail).join('; ')}
                      </div>
                    )}
                  </Td>
                  <Td>{c.judgeScore ?? '—'}</Td>
                  <Td>{ms(c.latencyMs)}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} pageSize={PAGE_SIZE} total={view.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
