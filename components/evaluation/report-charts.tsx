'use client';
// The run's charts: accuracy by tag and by difficulty, the latency histogram, and the judge's score distribution; and
// the same per tag as a table, with each accuracy's interval and the latency percentiles.
import type { RunScores } from '@/db/schema';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { ms, pct } from './format';
import { GroupedBarChart } from '@/components/charts/grouped-bar-chart';
import { HistogramChart } from '@/components/charts/histogram-chart';
import { Card } from '@/components/ui/card';

export function ByTagTable({ scores }: { scores: RunScores }) {
  const latency = new Map(scores.latency.byTag.map((l) => [l.tag, l]));
  const rows = [
    ...scores.byTag.map((t) => ({ key: t.tag, label: t.tag, ...t, l: latency.get(t.tag) })),
    ...scores.byDifficulty.map((d) => ({ key: `d:${d.difficulty}`, label: `difficulty: ${d.difficulty}`, ...d, l: undefined })),
  ];
  if (!rows.length) return null;
  return (
    <Table aria-label="By tag">
      <THead>
        <Th>Tag</Th>
        <Th>Cases</Th>
        <Th>Accuracy</Th>
        <Th>95% CI</Th>
        <Th>p50</Th>
        <Th>p95</Th>
        <Th>p99</Th>
      </THead>
      <tbody>
        {rows.map((r) => (
          <Tr key={r.key}>
            <Td>{r.label}</Td>
            <Td>{r.total}</Td>
            <Td>{pct(r.rate)}</Td>
            <Td className="text-xs text-slate-600">
              {pct(r.lo)}–{pct(r.hi)}
            </Td>
            <Td>{r.l ? ms(r.l.p50) : '—'}</Td>
            <Td>{r.l ? ms(r.l.p95) : '—'}</Td>
            <Td>{r.l ? ms(r.l.p99) : '—'}</Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

export function ReportCharts({ scores }: { scores: RunScores }) {
  const byTag = [
    ...scores.byTag.map((t) => ({ label: t.tag, accuracy: Math.round(t.rate * 1000) / 10 })),
    ...scores.byDifficulty.map((d) => ({ label: `difficulty: ${d.difficulty}`, accuracy: Math.round(d.rate * 1000) / 10 })),
  ];
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Card title="Accuracy by tag (%)">
        {byTag.length ? (
          <GroupedBarChart rows={byTag} series={[{ key: 'accuracy', label: 'accuracy %' }]} height={240} />
        ) : (
          <p className="text-sm text-slate-500">No tags on these cases.</p>
        )}
      </Card>
      <Card title="Latency in ms (cases per bin)">
        <HistogramChart bins={scores.latency.histogram} label="Latency histogram" unit="cases" />
      </Card>
      <Card title="Judge scores (0–100)">
        <HistogramChart bins={scores.judge.histogram} label="Judge score distribution" color="#059669" unit="cases" />
      </Card>
    </div>
  );
}
