// The frame every form control shares: its label above, and beneath it either the validation message (the
// server's field error or the browser's) or a hint.
import type { ReactNode } from 'react';

export function FieldFrame({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | null;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
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

/** The control's own attributes and look: tied to its message, red while it has one. */
export function controlProps(id: string, error: string | null | undefined, className = '') {
  return {
    id,
    'aria-invalid': !!error,
    'aria-describedby': error ? `${id}-error` : undefined,
    className: `rounded-md border px-3 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 ${error ? 'border-red-400 focus:ring-red-300' : 'border-slate-300 focus:ring-indigo-300'} ${className}`,
  };
}
