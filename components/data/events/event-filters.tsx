'use client';
// The explorer's filter bar: text search (submitted), and agent, source, cleaning status, rating and dates (applied at once).
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { Button } from '@/components/ui/button';
import { MIN_SEARCH } from '@/common/event-search';
import type { ExplorerFilters } from './use-event-filters';

const SOURCES = ['api', 'upload', 'environment', 'runtime', 'seed'] as const;
const STATUSES = [
  ['raw', 'not cleaned yet'],
  ['kept', 'cleaned, kept'],
  ['filtered', 'cleaned, filtered out'],
] as const;
const RATINGS = [0.25, 0.5, 0.75, 1];
const select = 'rounded-md border border-slate-300 px-2 py-1.5 text-sm shadow-sm';

export function EventFilters({
  projectId,
  value,
  onChange,
}: {
  projectId: string;
  value: ExplorerFilters;
  onChange: (f: ExplorerFilters) => void;
}) {
  const trpc = useTRPC();
  const agents = useQuery(trpc.data.events.agents.queryOptions({ projectId }));
  const [q, setQ] = useState(value.q ?? '');
  const set = (patch: Partial<ExplorerFilters>) => onChange({ ...value, ...patch });
  const search = (e: FormEvent) => {
    e.preventDefault();
    set({ q: q.trim() || undefined });
  };
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3">
      <form onSubmit={search} role="search" className="flex items-end gap-2">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Search prompt and response
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            minLength={MIN_SEARCH}
            title={`At least ${MIN_SEARCH} characters`}
            placeholder="e.g. refund, 42+28"
            className={`${select} w-64`}
          />
        </label>
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Agent
        <select className={select} value={value.agentId ?? ''} onChange={(e) => set({ agentId: e.target.value || undefined })}>
          <option value="">All agents</option>
          {agents.data?.map((a) => (
            <option key={a.agentId} value={a.agentId}>
              {a.agentId}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Source
        <select
          className={select}
          value={value.source ?? ''}
          onChange={(e) => set({ source: (e.target.value || undefined) as ExplorerFilters['source'] })}
        >
          <option value="">All sources</option>
          {SOURCES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Cleaning
        <select
          className={select}
          value={value.cleanStatus ?? ''}
          onChange={(e) => set({ cleanStatus: (e.target.value || undefined) as ExplorerFilters['cleanStatus'] })}
        >
          <option value="">Any</option>
          {STATUSES.map(([s, label]) => (
            <option key={s} value={s}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Mean rating
        <select
          className={select}
          value={value.minRating ?? ''}
          onChange={(e) => set({ minRating: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">Any (rated or not)</option>
          {RATINGS.map((r) => (
            <option key={r} value={r}>
              ≥ {r}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        From
        <input type="date" className={select} value={value.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        To
        <input type="date" className={select} value={value.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />
      </label>
      {Object.keys(value).length > 0 && (
        <Button
          variant="secondary"
          onClick={() => {
            setQ('');
            onChange({});
          }}
        >
          Clear filters
        </Button>
      )}
    </div>
  );
}
