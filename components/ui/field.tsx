// A labelled input with its validation message beneath it (from the server's field errors or the browser's).
import type { InputHTMLAttributes } from 'react';

export function Field({
  label,
  error,
  hint,
  id,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string | null; hint?: string; id: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        {...input}
        className={`rounded-md border px-3 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 ${error ? 'border-red-400 focus:ring-red-300' : 'border-slate-300 focus:ring-indigo-300'} ${input.className ?? ''}`}
      />
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : hint ? (
        <p className="text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}

/** The first server-side message for a field, from the `fieldErrors` our tRPC error formatter adds. */
export function fieldError(error: unknown, field: string): string | null {
  const data = (error as { data?: { fieldErrors?: Record<string, string[] | undefined> | null } } | null)?.data;
  return data?.fieldErrors?.[field]?.[0] ?? null;
}
