'use client';
// The run's redactions to review, a page at a time. "All" is the default so an item stays in place once reviewed
// (showing its verdict) instead of vanishing from under the reviewer's cursor; "pending" is the work queue.
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterPills } from '@/components/ui/filter-pills';
import { Pagination } from '@/components/ui/pagination';
import { RedactionItem } from './redaction-item';

const PAGE_SIZE = 10;
const FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'pending', label: 'Pending' },
  { value: 'reviewed', label: 'Reviewed' },
] as const;
type Filter = (typeof FILTERS)[number]['value'];

export function RedactionReview({ projectId, runId, canWrite }: { projectId: string; runId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.data.cleaning.redactions.queryOptions({ projectId, runId, review: filter, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <FilterPills
        label="Review filter"
        labels={FILTERS.map((f) => f.label)}
        selected={FILTERS.findIndex((f) => f.value === filter)}
        onSelect={(i) => {
          setFilter(FILTERS[i]!.value);
          setPage(1);
        }}
      >
        {!canWrite && <span className="text-xs text-slate-500">Read only: engineers approve and correct redactions.</span>}
      </FilterPills>
      {list.error ? (
        <p role="alert" className="text-sm text-red-700">
          {list.error.message}
        </p>
      ) : !list.data ? (
        <p className="text-sm text-slate-500">Loading redactions…</p>
      ) : !list.data.rows.length ? (
        <EmptyState title={filter === 'all' ? 'Nothing was redacted in this run' : `No ${filter} redactions`}>
          {filter === 'all'
            ? 'Texts in which the run found e-mail addresses, phone numbers, card numbers, SSNs, IP addresses, IBANs or secrets will appear here, before and after, to approve or correct.'
            : filter === 'pending'
              ? 'Every redaction of this run has been reviewed.'
              : 'Redactions you approve or correct will appear here.'}
        </EmptyState>
      ) : (
        <>
          <ul className="divide-y divide-slate-100" aria-label="Redactions">
            {list.data.rows.map((row) => (
              <RedactionItem key={`${row.eventId}:${row.field}`} projectId={projectId} runId={runId} row={row} canWrite={canWrite} />
            ))}
          </ul>
          <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
