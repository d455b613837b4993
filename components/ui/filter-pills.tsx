'use client';
// A row of pill-shaped tabs that pick one filter of a list, with room for a note after them (`children`).
import type { ReactNode } from 'react';

export function FilterPills({
  labels,
  selected,
  onSelect,
  label,
  children,
}: {
  labels: string[];
  selected: number;
  onSelect: (index: number) => void;
  label?: string;
  children?: ReactNode;
}) {
  return (
    // Wraps on a narrow screen, so a note after the pills goes under them rather than off the edge.
    <div className="mb-3 flex flex-wrap items-center gap-2" role="tablist" aria-label={label}>
      {labels.map((text, i) => (
        <button
          key={text}
          role="tab"
          aria-selected={i === selected}
          onClick={() => onSelect(i)}
          className={`rounded-full px-3 py-1 text-xs font-medium ${i === selected ? 'bg-slate-800 text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200'}`}
        >
          {text}
        </button>
      ))}
      {children}
    </div>
  );
}
