'use client';
// Grouped bars over categories (e.g. rating values), one bar per series (e.g. rater), with the same colours,
// axes and tooltip as the other chart wrappers.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const COLORS = ['#4f46e5', '#059669', '#d97706', '#dc2626', '#0891b2', '#7c3aed'];

export type BarSeries = { key: string; label: string; color?: string };
export type BarRow = { label: string } & Record<string, number | string>;

export function GroupedBarChart({
  rows,
  series,
  height = 240,
  xLabel,
  yLabel,
}: {
  rows: BarRow[];
  series: BarSeries[];
  height?: number;
  xLabel?: string;
  yLabel?: string;
}) {
  return (
    <div style={{ height }} data-testid="grouped-bar-chart" data-series={series.length}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: xLabel ? 16 : 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 12 }}
            label={xLabel ? { value: xLabel, position: 'insideBottom', offset: -8, fontSize: 12 } : undefined}
          />
          <YAxis
            tick={{ fontSize: 12 }}
            width={48}
            allowDecimals={false}
            label={yLabel ? { value: yLabel, angle: -90, position: 'insideLeft', fontSize: 12 } : undefined}
          />
          <Tooltip />
          {series.length > 1 && <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} />}
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color ?? COLORS[i % COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
