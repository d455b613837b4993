'use client';
// Recharts over wall-clock time: one line per series, with the same axes, tooltip and colours as SeriesChart.
// Used where the x axis is "when" rather than a training step (utilisation of the compute pool).
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type TimeSeries = { key: string; label: string; color: string; dashed?: boolean };
export type TimeRow = { t: number } & Record<string, number>;

/** Ticks show seconds when the data spans only minutes, so they do not all read the same minute. */
const clockFor = (rows: TimeRow[]) => {
  const span = rows.length ? rows[rows.length - 1]!.t - rows[0]!.t : 0;
  const opts: Intl.DateTimeFormatOptions =
    span < 15 * 60_000 ? { hour: '2-digit', minute: '2-digit', second: '2-digit' } : { hour: '2-digit', minute: '2-digit' };
  return (t: number) =>
    (span > 86_400_000 ? new Date(t).toLocaleDateString([], { month: 'short', day: 'numeric' }) + ' ' : '') +
    new Date(t).toLocaleTimeString([], opts);
};

/** Step lines: allocations change in jumps, and a sloped line between two samples would invent values in between. */
export function TimeSeriesChart({
  rows,
  series,
  height = 200,
  unit = '',
}: {
  rows: TimeRow[];
  series: TimeSeries[];
  height?: number;
  unit?: string;
}) {
  const single = rows.length === 1;
  return (
    <div style={{ height }} data-testid="time-series-chart" data-points={rows.length}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={clockFor(rows)}
            tick={{ fontSize: 12 }}
          />
          <YAxis tick={{ fontSize: 12 }} width={48} allowDecimals={false} />
          <Tooltip
            labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
            formatter={(value, name) => [`${Math.round(Number(value) * 100) / 100}${unit ? ` ${unit}` : ''}`, name]}
          />
          <Legend />
          {series.map((s) => (
            <Line
              key={s.key}
              name={s.label}
              type="stepAfter"
              dataKey={s.key}
              stroke={s.color}
              strokeDasharray={s.dashed ? '5 4' : undefined}
              dot={single}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
