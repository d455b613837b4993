'use client';
// The one chart wrapper around Recharts: consistent axes, tooltip and colours for every curve in the product.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const COLORS = ['#4f46e5', '#059669', '#d97706', '#dc2626', '#0891b2', '#7c3aed'];

export type Point = { name: string; step: number; value: number };

/**
 * Draws one line per metric name over the shared `step` axis. Steps are numbers, not categories: series measured at
 * different steps (two models overlaid) line up, in order, and each line is drawn through its own points.
 * Everything on one chart shares its y unit: give `yDomain` for bounded ones (percentages: [0, 100]).
 */
export function SeriesChart({
  points,
  height = 260,
  xLabel = 'step',
  testId = 'series-chart',
  yDomain,
  unit = '',
}: {
  points: Point[];
  height?: number;
  xLabel?: string;
  testId?: string;
  yDomain?: [number, number];
  unit?: string;
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
            type="number"
            domain={['dataMin', 'dataMax']}
            allowDecimals={false}
            tick={{ fontSize: 12 }}
            label={{ value: xLabel, position: 'insideBottomRight', offset: -4, fontSize: 12 }}
          />
          <YAxis tick={{ fontSize: 12 }} width={48} domain={yDomain ?? ['auto', 'auto']} unit={unit} />
          <Tooltip formatter={(v) => `${Math.round(Number(v) * 1000) / 1000}${unit}`} />
          {names.length > 1 && <Legend />}
          {names.map((n, i) => (
            <Line
              key={n}
              type="monotone"
              dataKey={n}
              stroke={COLORS[i % COLORS.length]}
              dot={data.length < 3}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
