'use client';
// Events per outcome as horizontal bars: reason names are long, and read better down the side than slanted under
// an axis. Duplicates and junk get their own colours, since they call for different fixes upstream.
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DUPLICATE_REASONS, reasonLabel } from './format';

export function ReasonBarChart({ counts }: { counts: { reason: string; count: number }[] }) {
  const rows = counts.map((c) => ({ ...c, label: reasonLabel(c.reason) }));
  return (
    <div
      style={{ height: Math.max(120, rows.length * 32 + 40) }}
      role="img"
      aria-label="Filtered events per reason"
      data-testid="reason-chart"
      data-bars={rows.length}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={130} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => [v, 'events']} />
          <Bar dataKey="count" isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.reason} fill={DUPLICATE_REASONS.includes(r.reason) ? '#4f46e5' : '#d97706'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
