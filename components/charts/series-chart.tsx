'use client';
// The one chart wrapper around Recharts: consistent axes, tooltip and colours for every curve in the product.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const COLORS = ['#4f46e5', '#059669', '#d97706', '#dc2626', '#0891b2', '#7c3aed'];

export type Point = { name: string; step: number; value: number };

/** Draws one line per metric name over the shared `step` axis. */
export function SeriesChart({
  points,
  height = 260,
  xLabel = 'step',
  testId = 'series-chart',
}: {
  points: Point[];
  height?: number;
  xLabel?: string;
  testId?: string;
}) {
  const names = [...new Set(points.map((p) => p.name))];
  const bySteps = new Map<number, Record<string, number>>();
  for (const p of points) bySteps.set(p.step, { ...(bySteps.get(p.step) ?? { step: p.step }), [p.name]: p.value });
  const data = [...bySteps.values()].sort((a, b) => a.step! - b.step!);
  return (
    <div style={{ height }} data-testid={testId} data-points={points.length}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            dataKey="step"
            tick={{ fontSize: 12 }}
            label={{ value: xLabel, position: 'insideBottomRight', offset: -4, fontSize: 12 }}
          />
          <YAxis tick={{ fontSize: 12 }} width={48} />
          <Tooltip />
          {names.length > 1 && <Legend />}
          {names.map((n, i) => (
            <Line key={n} type="monotone" dataKey={n} stroke={COLORS[i % COLORS.length]} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
