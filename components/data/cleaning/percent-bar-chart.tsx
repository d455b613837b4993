'use client';
// Grouped bars of ratios on a fixed 0–100% axis: the shared GroupedBarChart scales to its data and counts in
// integers, which would make a 91% recall look like a full bar and hide the gap that matters.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const COLORS = ['#4f46e5', '#059669', '#d97706'];

export type PercentSeries = { key: string; label: string };
/** Values are ratios in [0, 1]; null (nothing to measure) draws no bar. */
export type PercentRow = { label: string } & Record<string, number | string | null>;

export function PercentBarChart({
  rows,
  series,
  label,
  height = 260,
  testId,
}: {
  rows: PercentRow[];
  series: PercentSeries[];
  label: string;
  height?: number;
  testId?: string;
}) {
  return (
    <div style={{ height }} role="img" aria-label={label} data-testid={testId} data-rows={rows.length}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
          <YAxis
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
            tick={{ fontSize: 12 }}
            width={48}
          />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—')} />
          <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
