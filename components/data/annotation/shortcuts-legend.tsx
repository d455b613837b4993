// The keyboard legend, always on screen beside the item, so nobody has to remember the keys.
export function ShortcutsLegend({ scalePoints }: { scalePoints: number }) {
  const rows: [string, string][] = [
    [`1–${scalePoints}`, `rate (1 = 0, ${scalePoints} = 1)`],
    ['j', 'next item'],
    ['k', 'previous item'],
    ['s', 'skip for now'],
    ['c', 'comment (Enter saves, Esc cancels)'],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm" aria-label="Keyboard shortcuts">
      {rows.map(([key, what]) => (
        <div key={key} className="contents">
          <dt>
            <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs shadow-sm">{key}</kbd>
          </dt>
          <dd className="text-slate-600">{what}</dd>
        </div>
      ))}
    </dl>
  );
}
