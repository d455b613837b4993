'use client';
// The rating scale as buttons (for the mouse), showing which point is the current rating.
import { formatValue, scaleKey, scaleValue } from './scale';

// Each button shows the key to press, and beneath it the 0..1 value that key stores.

export function ScaleButtons({
  points,
  value,
  onRate,
  disabled,
}: {
  points: number;
  value: number | null;
  onRate: (key: number) => void;
  disabled?: boolean;
}) {
  const current = value === null ? null : scaleKey(value, points);
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Rating">
      {Array.from({ length: points }, (_, i) => i + 1).map((key) => (
        <button
          key={key}
          type="button"
          disabled={disabled}
          onClick={() => onRate(key)}
          aria-pressed={current === key}
          className={`flex w-16 flex-col items-center rounded-md border px-2 py-1.5 text-sm font-semibold shadow-sm transition disabled:opacity-50 ${
            current === key ? 'border-indigo-600 bg-indigo-600 text-white' : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-50'
          }`}
        >
          <span>{key}</span>
          <span className={`text-xs font-normal ${current === key ? 'text-indigo-100' : 'text-slate-500'}`}>
            {formatValue(scaleValue(key, points))}
          </span>
        </button>
      ))}
    </div>
  );
}
