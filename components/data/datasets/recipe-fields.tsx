'use client';
// What a dataset version is made of: a filter over events, or a list of event ids.
import { useQuery } from '@tanstack/react-query';
import type { EventSource } from '@/db/schema';
import { useTRPC } from '@/components/trpc/client';

export type Recipe = {
  mode: 'filter' | 'ids';
  source: string;
  agentId: string;
  minRating: string;
  cleanedOnly: boolean;
  from: string;
  to: string;
  eventIds: string;
};

export const emptyRecipe: Recipe = {
  mode: 'filter',
  source: '',
  agentId: '',
  minRating: '',
  cleanedOnly: false,
  from: '',
  to: '',
  eventIds: '',
};

const input = 'rounded-md border border-slate-300 px-2 py-1.5 text-sm shadow-sm';
const label = 'flex flex-col gap-1 text-sm font-medium text-slate-700';

export function RecipeFields({
  projectId,
  value,
  onChange,
  error,
}: {
  projectId: string;
  value: Recipe;
  onChange: (r: Recipe) => void;
  error: string | null;
}) {
  const trpc = useTRPC();
  const agents = useQuery(trpc.data.events.agents.queryOptions({ projectId }));
  const set = (patch: Partial<Recipe>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">Examples</legend>
      <div className="flex gap-4 text-sm" role="radiogroup" aria-label="Build from">
        <label className="flex items-center gap-1.5">
          <input type="radio" checked={value.mode === 'filter'} onChange={() => set({ mode: 'filter' })} /> Events matching a filter
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" checked={value.mode === 'ids'} onChange={() => set({ mode: 'ids' })} /> Listed event ids
        </label>
      </div>
      {value.mode === 'filter' ? (
        <div className="flex flex-wrap items-end gap-3">
          <label className={label}>
            Agent
            <select className={input} value={value.agentId} onChange={(e) => set({ agentId: e.target.value })}>
              <option value="">Any agent</option>
              {agents.data?.map((a) => (
                <option key={a.agentId}>{a.agentId}</option>
              ))}
            </select>
          </label>
          <label className={label}>
            Source
            <select className={input} value={value.source} onChange={(e) => set({ source: e.target.value })}>
              <option value="">Any source</option>
              {['api', 'upload', 'environment', 'runtime', 'seed'].map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label className={label}>
            Minimum mean rating
            <input
              className={`${input} w-28`}
              type="number"
              min={0}
              max={1}
              step={0.05}
              value={value.minRating}
              onChange={(e) => set({ minRating: e.target.value })}
              placeholder="any"
            />
          </label>
          <label className={label}>
            From
            <input className={input} type="date" value={value.from} onChange={(e) => set({ from: e.target.value })} />
          </label>
          <label className={label}>
            To
            <input className={input} type="date" value={value.to} onChange={(e) => set({ to: e.target.value })} />
          </label>
          <label className="flex items-center gap-1.5 pb-2 text-sm text-slate-700">
            <input type="checkbox" checked={value.cleanedOnly} onChange={(e) => set({ cleanedOnly: e.target.checked })} /> Cleaned events
            only
          </label>
        </div>
      ) : (
        <label className={label}>
          Event ids (one per line, or separated by commas or spaces)
          <textarea className={`${input} h-24 font-mono`} value={value.eventIds} onChange={(e) => set({ eventIds: e.target.value })} />
        </label>
      )}
      <p className="text-xs text-slate-500">
        Events that cleaning filtered out (junk, duplicates) are never taken by a filter. Cleaned text is used where cleaning kept an event.
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** The form's recipe as the API's filter. */
export function toFilter(r: Recipe) {
  if (r.mode === 'ids') return { eventIds: r.eventIds.split(/[\s,]+/).filter(Boolean) };
  return {
    ...(r.source ? { source: r.source as EventSource } : {}),
    ...(r.agentId ? { agentId: r.agentId } : {}),
    ...(r.minRating !== '' ? { minRating: Number(r.minRating) } : {}),
    ...(r.cleanedOnly ? { cleanedOnly: true } : {}),
    ...(r.from ? { from: r.from } : {}),
    ...(r.to ? { to: r.to } : {}),
  };
}
