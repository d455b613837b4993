'use client';
// Past uploads, newest first; each can be opened to re-read its rejected lines.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ago } from '@/components/ui/format';
import { UploadResult } from './upload-result';
import { listView } from '@/components/ui/list-state';

const PAGE_SIZE = 10;

export function UploadHistory({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery(trpc.data.uploads.list.queryOptions({ projectId, page, pageSize: PAGE_SIZE }));
  const view = listView(list, {
    loading: 'Loading uploads…',
    empty: (
      <EmptyState title="No uploads yet">
        Files uploaded here or with <code>npm run factory -- data upload</code> are listed with their counts and rejected lines.
      </EmptyState>
    ),
  });
  if (!view.ready) return view.element;
  const data = view.data;
  return (
    <div>
      <ul className="divide-y divide-slate-100">
        {data.rows.map((u) => (
          <li key={u.id} className="py-2">
            <button
              type="button"
              className="flex w-full items-center justify-between gap-4 text-left text-sm"
              aria-expanded={open === u.id}
              onClick={() => setOpen(open === u.id ? null : u.id)}
            >
              <span className="truncate font-medium">{u.fileName}</span>
              <span className="shrink-0 text-slate-500">
                {u.stored.toLocaleString()} stored · {u.duplicates.toLocaleString()} duplicates · {u.rejected.toLocaleString()} rejected ·{' '}
                {u.kind} · {ago(u.createdAt)}
              </span>
            </button>
            {open === u.id && (
              <div className="mt-2 rounded-md bg-slate-50 p-3">
                <UploadResult result={u} />
              </div>
            )}
          </li>
        ))}
      </ul>
      <Pagination page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
    </div>
  );
}
