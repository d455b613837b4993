'use client';
// Bars over labelled bins (length histograms, rating distributions), with the same axes and tooltip as SeriesChart.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type Bin = { label: string; count: number };

export function HistogramChart({
  bins,
  height = 220,
  color = '#4f46e5',
  label,
  unit = 'examples',
}: {
  bins: Bin[];
  height?: number;
  color?: string;
  label: string;
  /** What the bars count, in the tooltip. */
  unit?: string;
}) {
  return (
    <div style={{ height }} data-testid="histogram-chart" data-bins={bins.length} aria-label={label} role="img">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bins} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
          <YAxis tick={{ fontSize: 12 }} width={48} allowDecimals={false} />
          <Tooltip formatter={(v) => [v, unit]} />
          <Bar dataKey="count" fill={color} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
