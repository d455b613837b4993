// A labelled select with its validation message beneath it, matching Field.
import type { ReactNode } from 'react';

export function Select({ id, label, value, onChange, options, error, empty, hint }: {
  id: string; label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; error?: string | null; empty?: string; hint?: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined}
        className={`rounded-md border bg-white px-2 py-1.5 text-sm shadow-sm ${error ? 'border-red-400' : 'border-slate-300'}`}>
        {options.length === 0 && <option value="">{empty ?? 'Nothing to choose'}</option>}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {error ? <p id={`${id}-error`} role="alert" className="text-xs text-red-700">{error}</p> : hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}
