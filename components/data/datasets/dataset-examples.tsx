'use client';
// The examples of a version, split by split, in the order training reads them.
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { Pagination } from '@/components/ui/pagination';

const PAGE_SIZE = 20;

export function DatasetExamples({ projectId, datasetId, counts }: { projectId: string; datasetId: string; counts: { train: number; validation: number } }) {
  const trpc = useTRPC();
  const [split, setSplit] = useState<'train' | 'validation'>('train');
  const [page, setPage] = useState(1);
  const rows = useQuery({ ...trpc.data.datasets.examples.queryOptions({ projectId, datasetId, split, page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData });
  return (
    <div>
      <div className="mb-3 flex gap-2" role="tablist">
        {(['train', 'validation'] as const).map((s) => (
          <button
            key={s}
            role="tab"
            aria-selected={s === split}
            onClick={() => {
              setSplit(s);
              setPage(1);
            }}
            className={`rounded-full px-3 py-1 text-xs font-medium ${s === split ? 'bg-slate-800 text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200'}`}
          >
            {s} ({counts[s].toLocaleString()})
          </button>
        ))}
      </div>
      {counts[split] === 0 ? (
        <p className="text-sm text-slate-500">No {split} examples in this version.</p>
      ) : (
        <>
          <ol className="divide-y divide-slate-100">
            {rows.data?.map((x) => (
              <li key={x.eventId} className="grid gap-2 py-2 text-sm md:grid-cols-[3rem_1fr_1fr]">
                <span className="text-xs text-slate-400">#{x.position + 1}</span>
                <span className="break-words">
                  {x.prompt}
                  {x.cleaned && (
                    <span className="ml-2">
                      <Badge tone="success">cleaned</Badge>
                    </span>
                  )}
                </span>
                <span className="break-words font-mono text-xs text-slate-700">
                  {x.response}{' '}
                  <Link href={`/p/${projectId}/data/events/${x.eventId}`} className="text-indigo-700 hover:underline">
                    event →
                  </Link>
                </span>
              </li>
            ))}
          </ol>
          <Pagination page={page} pageSize={PAGE_SIZE} total={counts[split]} onPage={setPage} />
        </>
      )}
    </div>
  );
}
