'use client';
// Evaluation runs, newest first, live while any runs: verdict, accuracy and quality once done. Tick two to compare them.
import { useState } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge, jobStatusTone } from '@/components/ui/badge';
import { ago, isActive } from '@/components/ui/format';
import { listView } from '@/components/ui/list-state';
import { Pagination } from '@/components/ui/pagination';
import { ProgressBar } from '@/components/ui/progress-bar';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { pct, verdictLabel, verdictTone } from './format';

const PAGE_SIZE = 10;

export function RunsTable({ projectId, empty }: { projectId: string; empty: React.ReactNode }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [picked, setPicked] = useState<string[]>([]);
  const list = useQuery({
    ...trpc.evaluation.runs.list.queryOptions({ projectId, page, pageSize: PAGE_SIZE }),
    refetchInterval: (q) => (q.state.data?.rows.some((r) => isActive(r.status)) ? 1000 : false),
  });
  const view = listView(list, { loading: 'Loading runs…', empty });
  if (!view.ready) return view.element;
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));
  return (
    <>
      <div className="mb-2 flex items-center gap-3 text-sm" data-print="hide">
        {picked.length === 2 ? (
          <Link
            className="font-medium text-indigo-700 hover:underline"
            href={`/p/${projectId}/evaluation/compare?a=${picked[0]}&b=${picked[1]}`}
          >
            Compare {picked[0]} → {picked[1]}
          </Link>
        ) : (
          <span className="text-slate-500">Tick two runs to compare them case by case.</span>
        )}
      </div>
      <Table aria-label="Evaluation runs">
        <THead>
          <Th className="w-8">
            <span className="sr-only">Compare</span>
          </Th>
          <Th>Run</Th>
          <Th>Subject</Th>
          <Th>Status</Th>
          <Th>Verdict</Th>
          <Th>Accuracy</Th>
          <Th>Quality</Th>
        </THead>
        <tbody>
          {view.data.rows.map((r) => (
            <Tr key={r.run.id} data-run-id={r.run.id} data-status={r.status}>
              <Td>
                <input
                  type="checkbox"
                  aria-label={`Compare ${r.run.id}`}
                  checked={picked.includes(r.run.id)}
                  onChange={() => toggle(r.run.id)}
                />
              </Td>
              <Td>
                <Link
                  href={`/p/${projectId}/evaluation/runs/${r.run.id}`}
                  className="font-mono text-xs font-medium text-indigo-700 hover:underline"
                >
                  {r.run.id}
                </Link>
                <div className="text-xs text-slate-500">
                  {r.tasksetName} v{r.tasksetVersion} · {ago(r.run.createdAt)}
                  {r.run.rescoreOf ? ' · re-score' : ''}
                </div>
              </Td>
              <Td className="max-w-[14rem] truncate">{r.run.subjectLabel || r.run.subject}</Td>
              <Td>
                <Badge tone={jobStatusTone[r.status]}>{r.status}</Badge>
                {isActive(r.status) && (
                  <div className="mt-1 w-40">
                    <ProgressBar value={r.progress} label={`Progress of ${r.run.id}`} />
                    <div className="mt-1 truncate text-xs text-slate-500">{r.message}</div>
                  </div>
                )}
                {r.error && <div className="mt-1 max-w-xs text-xs text-red-700">{r.error}</div>}
              </Td>
              <Td>
                <Badge tone={verdictTone(r.run.verdict)}>{verdictLabel(r.run.verdict)}</Badge>
              </Td>
              <Td>{r.run.scores ? pct(r.run.scores.accuracy.rate) : '—'}</Td>
              <Td>{r.run.scores?.quality.score.toFixed(1) ?? '—'}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>
      <Pagination page={page} pageSize={PAGE_SIZE} total={view.data.total} onPage={setPage} />
    </>
  );
}
