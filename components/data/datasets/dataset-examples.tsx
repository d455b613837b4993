'use client';
// The examples of a version, split by split, in the order training reads them.
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Badge } from '@/components/ui/badge';
import { FilterPills } from '@/components/ui/filter-pills';
import { Pagination } from '@/components/ui/pagination';

const PAGE_SIZE = 20;
const SPLITS = ['train', 'validation'] as const;

export function DatasetExamples({
  projectId,
  datasetId,
  counts,
}: {
  projectId: string;
  datasetId: string;
  counts: { train: number; validation: number };
}) {
  const trpc = useTRPC();
  const [split, setSplit] = useState<(typeof SPLITS)[number]>('train');
  const [page, setPage] = useState(1);
  const rows = useQuery({
    ...trpc.data.datasets.examples.queryOptions({ projectId, datasetId, split, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <FilterPills
        labels={SPLITS.map((s) => `${s} (${counts[s].toLocaleString()})`)}
        selected={SPLITS.indexOf(split)}
        onSelect={(i) => {
          setSplit(SPLITS[i]!);
          setPage(1);
        }}
      />
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
