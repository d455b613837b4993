'use client';
// A row of pill-shaped tabs that pick one filter of a list.

export function FilterPills({ labels, selected, onSelect, label }: { labels: string[]; selected: number; onSelect: (index: number) => void; label: string }) {
  return (
    <div className="mb-3 flex gap-2" role="tablist" aria-label={label}>
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
    </div>
  );
}
