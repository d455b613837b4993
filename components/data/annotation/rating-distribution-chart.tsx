'use client';
// How each rater (and the judge) spreads their ratings over the scale: a harsh or lenient rater shows at a glance.
import { GroupedBarChart, type BarRow } from '@/components/charts/grouped-bar-chart';

export type Distribution = { raters: string[]; rows: { label: string; counts: Record<string, number> }[]; names: Record<string, string> };

export function RatingDistributionChart({ distribution }: { distribution: Distribution }) {
  const rows: BarRow[] = distribution.rows.map((r) => ({ label: r.label, ...r.counts }));
  const series = distribution.raters.map((key) => ({
    key,
    label: distribution.names[key] ?? key,
    ...(key === 'judge' ? { color: '#64748b' } : {}),
  }));
  return <GroupedBarChart rows={rows} series={series} xLabel="rating" yLabel="items" />;
}
